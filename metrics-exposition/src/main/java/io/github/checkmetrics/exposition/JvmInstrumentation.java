package io.github.checkmetrics.exposition;

import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryPoolAllocationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmNativeMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Registers client_java's JVM and process metrics in a registry, each group once: a group whose
 * families are already there (registered by the application, or by an earlier call) is skipped,
 * since registering it again would fail on its names.
 */
final class JvmInstrumentation {

  /** A family each group always registers, to tell whether the group is there. */
  private static final String JVM_MARKER = "jvm_threads_current";

  private static final String PROCESS_MARKER = "process_start_time_seconds";

  /**
   * The label names of each family of a group, by family name, learnt once per JVM from a scrape
   * of a registry of its own (its collectors stay registered with the JVM's MXBeans, so once).
   */
  private static Map<String, Set<String>> jvmLabelNames;

  private static Map<String, Set<String>> processLabelNames;

  private JvmInstrumentation() {}

  static synchronized void register(PrometheusRegistry registry, boolean jvm, boolean process) {
    if (jvm && !has(registry, JVM_MARKER)) {
      // client_java's JvmMetrics would add ProcessMetrics too; process_metrics decides that.
      JvmThreadsMetrics.builder().register(registry);
      JvmBufferPoolMetrics.builder().register(registry);
      JvmClassLoadingMetrics.builder().register(registry);
      JvmCompilationMetrics.builder().register(registry);
      JvmGarbageCollectorMetrics.builder().register(registry);
      JvmMemoryPoolAllocationMetrics.builder().register(registry);
      JvmMemoryMetrics.builder().register(registry);
      JvmNativeMemoryMetrics.builder().register(registry);
      JvmRuntimeInfoMetric.builder().register(registry);
    }
    if (process && !has(registry, PROCESS_MARKER)) {
      ProcessMetrics.builder().register(registry);
    }
  }

  /**
   * The label names of the families {@link #register} registers, by family name: label names are
   * fixed by client_java, whatever their values on this JVM.
   */
  static synchronized Map<String, Set<String>> labelNames(boolean jvm, boolean process) {
    Map<String, Set<String>> families = new LinkedHashMap<>();
    if (jvm) {
      if (jvmLabelNames == null) {
        jvmLabelNames = labelNamesOf(true, false);
      }
      families.putAll(jvmLabelNames);
    }
    if (process) {
      if (processLabelNames == null) {
        processLabelNames = labelNamesOf(false, true);
      }
      families.putAll(processLabelNames);
    }
    return families;
  }

  private static Map<String, Set<String>> labelNamesOf(boolean jvm, boolean process) {
    PrometheusRegistry scratch = new PrometheusRegistry();
    register(scratch, jvm, process);
    return Collections.unmodifiableMap(ConstantLabels.labelNames(scratch.scrape()));
  }

  private static boolean has(PrometheusRegistry registry, String family) {
    return registry.scrape(family::equals).size() > 0;
  }
}

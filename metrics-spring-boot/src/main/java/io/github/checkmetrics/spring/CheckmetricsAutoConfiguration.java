package io.github.checkmetrics.spring;

import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.runner.CheckRunner;
import io.github.checkmetrics.runner.ScheduledCheck;
import io.github.checkmetrics.servlet.MetricsServlet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Boot auto-configuration of checkmetrics: the application's health indicators and the
 * checks declared under {@code checkmetrics.checks} run on a {@link CheckRunner}, and their
 * families land in the application's client_java {@link PrometheusRegistry}.
 *
 * <ul>
 *   <li>With Actuator and Micrometer's Prometheus registry ({@code spring-boot-starter-actuator},
 *       {@code micrometer-registry-prometheus}), Boot's {@code
 *       PrometheusMetricsExportAutoConfiguration} defines a {@code PrometheusRegistry} bean; the
 *       check families go there, and {@code /actuator/prometheus} serves them beside the
 *       application's Micrometer metrics. Any other {@code PrometheusRegistry} bean is used the
 *       same way.
 *   <li>Without a {@code PrometheusRegistry} bean, checkmetrics keeps a registry of its own and, in
 *       a servlet web application, registers its {@link MetricsServlet} at {@code
 *       checkmetrics.path} (default {@code /metrics}), with the {@code checkmetrics.*} endpoint
 *       options of {@link EndpointConfig}.
 * </ul>
 *
 * <p>Every bean backs off when the application defines its own of that type. See {@link
 * CheckmetricsProperties} for the properties; a bad one fails the start with {@link
 * CheckmetricsPropertyException}.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus."
          + "PrometheusMetricsExportAutoConfiguration",
      "org.springframework.boot.health.autoconfigure.registry."
          + "HealthContributorRegistryAutoConfiguration"
    })
@EnableConfigurationProperties(CheckmetricsProperties.class)
public final class CheckmetricsAutoConfiguration {

  /** Created by Spring. */
  public CheckmetricsAutoConfiguration() {}

  /**
   * The check families, registered in the application's {@code PrometheusRegistry} bean when it
   * has one, else in a registry of their own.
   *
   * @param registry the application's registry, if any
   * @param properties the {@code checkmetrics.*} properties
   * @return the check metrics, closed (unregistered) with the context
   * @throws CheckmetricsPropertyException for a bad property, or servlet options set while
   *     another component serves the registry
   * @throws org.springframework.beans.factory.NoUniqueBeanDefinitionException when the
   *     application has several {@code PrometheusRegistry} beans (define this bean to choose)
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public CheckMetrics checkMetrics(
      ObjectProvider<PrometheusRegistry> registry, CheckmetricsProperties properties) {
    CheckmetricsSettings.endpointConfig(properties);
    PrometheusRegistry served = registry.getIfAvailable();
    if (served != null) {
      CheckmetricsSettings.requireNoServletOptions(properties);
    } else {
      served = new PrometheusRegistry();
    }
    return CheckMetrics.builder()
        .registry(served)
        .schema(CheckmetricsSettings.schema(properties))
        .build();
  }

  /**
   * The runner of every check, started by the application's lifecycle.
   *
   * @param metrics where results are recorded
   * @param properties {@code checkmetrics.region} and {@code checkmetrics.threads}
   * @return the runner, closed with the context
   * @throws CheckmetricsPropertyException for a bad region or thread count
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public CheckRunner checkRunner(CheckMetrics metrics, CheckmetricsProperties properties) {
    CheckRunner.Builder runner = CheckRunner.builder(metrics);
    if (properties.region() != null) {
      CheckmetricsSettings.step(
          CheckmetricsSettings.PREFIX + "region", () -> runner.region(properties.region()));
    }
    if (properties.threads() != null) {
      CheckmetricsSettings.step(
          CheckmetricsSettings.PREFIX + "threads", () -> runner.threads(properties.threads()));
    }
    return runner.build();
  }

  @Bean
  CheckmetricsLifecycle checkmetricsLifecycle(
      CheckRunner runner, CheckmetricsProperties properties, ObjectProvider<HealthChecks> health) {
    List<ScheduledCheck> declared = CheckmetricsSettings.declaredChecks(properties);
    return new CheckmetricsLifecycle(runner, declared, health);
  }

  /** Health contributors as checks, when Spring Boot's health support is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnBooleanProperty(name = "checkmetrics.health.enabled", matchIfMissing = true)
  static class HealthConfiguration {

    @Bean
    HealthChecks checkmetricsHealthChecks(
        ObjectProvider<HealthContributorRegistry> registry,
        ListableBeanFactory beans,
        CheckmetricsProperties properties) {
      return new HealthChecks(registry, beans, properties.health());
    }
  }

  /** checkmetrics' own servlet, when nothing else serves a {@code PrometheusRegistry}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "jakarta.servlet.Servlet")
  @ConditionalOnMissingBean(PrometheusRegistry.class)
  static class ServletConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "checkmetricsServlet")
    ServletRegistrationBean<MetricsServlet> checkmetricsServlet(
        CheckMetrics metrics, CheckmetricsProperties properties) {
      EndpointConfig config = CheckmetricsSettings.endpointConfig(properties);
      MetricsServlet servlet =
          CheckmetricsSettings.step(
              CheckmetricsSettings.PREFIX + "auth",
              () ->
                  new MetricsServlet(
                      // The application's own health and index belong to Spring: metrics only.
                      ScrapeHandler.builder()
                          .registry(metrics.registry())
                          .config(config)
                          .noHealthPath()
                          .indexPage(false)
                          .build()));
      ServletRegistrationBean<MetricsServlet> registration =
          new ServletRegistrationBean<>(servlet, config.path());
      registration.setName("checkmetricsServlet");
      registration.setLoadOnStartup(1);
      return registration;
    }
  }
}

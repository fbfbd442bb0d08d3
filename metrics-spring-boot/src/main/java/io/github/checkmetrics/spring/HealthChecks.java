package io.github.checkmetrics.spring;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.Outcome;
import io.github.checkmetrics.runner.ScheduledCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorNameGenerator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/**
 * The application's health contributors as scheduled checks, read when the runner starts (so that
 * every contributor exists): those of Spring Boot's {@link HealthContributorRegistry} when it
 * exists (the names {@code /actuator/health} shows), else the {@link HealthContributor} beans named
 * as Boot names them (bean name without its {@code HealthIndicator} or {@code HealthContributor}
 * suffix).
 *
 * <p>Each {@link HealthIndicator} is one check: name the contributor's name ({@code parent/member}
 * inside a composite, as in Actuator's health paths), id {@link Check#idFrom(String)} of that
 * name, type {@code health}. Two names that give one id fail the start, naming both.
 */
final class HealthChecks {

  static final String TYPE = "health";

  private final ObjectProvider<HealthContributorRegistry> registry;
  private final ListableBeanFactory beans;
  private final CheckmetricsProperties.Health properties;

  HealthChecks(
      ObjectProvider<HealthContributorRegistry> registry,
      ListableBeanFactory beans,
      CheckmetricsProperties.Health properties) {
    this.registry = registry;
    this.beans = beans;
    this.properties = properties;
    // The runner's rules for interval and timeout, applied now: a bad value fails the start even
    // when no contributor exists yet.
    CheckmetricsSettings.schedule(
        CheckmetricsSettings.PREFIX + "health",
        ScheduledCheck.builder(Check.builder(TYPE).build(), timeout -> Outcome.PASSED),
        properties.interval(),
        properties.timeout());
  }

  /** The checks, in check id order; fails on two names with one id, or a bad interval. */
  List<ScheduledCheck> scheduledChecks() {
    Map<String, HealthIndicator> indicators = new TreeMap<>();
    Set<String> excluded =
        properties.exclude() == null ? Set.of() : new TreeSet<>(properties.exclude());
    contributors()
        .forEach((name, contributor) -> collect(name, contributor, excluded, indicators));
    HealthIndicatorProbe.StatusOutcomes outcomes =
        new HealthIndicatorProbe.StatusOutcomes(properties.statusOutcomes());
    Map<String, String> names = new TreeMap<>();
    List<ScheduledCheck> checks = new ArrayList<>();
    for (Map.Entry<String, HealthIndicator> entry : indicators.entrySet()) {
      String name = entry.getKey();
      String id = Check.idFrom(name);
      String other = names.putIfAbsent(id, name);
      if (other != null) {
        throw new CheckmetricsPropertyException(
            CheckmetricsSettings.PREFIX + "health.exclude",
            "health contributors \""
                + other
                + "\" and \""
                + name
                + "\" map to one check id \""
                + id
                + "\": exclude one of them",
            null);
      }
      Check check =
          CheckmetricsSettings.step(
              CheckmetricsSettings.PREFIX + "health",
              () -> Check.builder(id).name(name).type(TYPE).build());
      checks.add(
          CheckmetricsSettings.schedule(
              CheckmetricsSettings.PREFIX + "health",
              ScheduledCheck.builder(
                  check, new HealthIndicatorProbe(entry.getValue(), outcomes)),
              properties.interval(),
              properties.timeout()));
    }
    return checks;
  }

  private Map<String, HealthContributor> contributors() {
    Map<String, HealthContributor> contributors = new LinkedHashMap<>();
    HealthContributorRegistry available = registry.getIfAvailable();
    if (available != null) {
      available.stream().forEach(e -> contributors.put(e.name(), e.contributor()));
      return contributors;
    }
    HealthContributorNameGenerator names = HealthContributorNameGenerator.withoutStandardSuffixes();
    beans
        .getBeansOfType(HealthContributor.class)
        .forEach((bean, contributor) -> contributors.put(
            names.generateContributorName(bean), contributor));
    return contributors;
  }

  private static void collect(
      String name,
      HealthContributor contributor,
      Set<String> excluded,
      Map<String, HealthIndicator> indicators) {
    if (excluded.contains(name)) {
      return;
    }
    if (contributor instanceof HealthIndicator indicator) {
      indicators.put(name, indicator);
    } else if (contributor instanceof CompositeHealthContributor composite) {
      for (HealthContributors.Entry member : composite) {
        collect(name + "/" + member.name(), member.contributor(), excluded, indicators);
      }
    }
  }
}

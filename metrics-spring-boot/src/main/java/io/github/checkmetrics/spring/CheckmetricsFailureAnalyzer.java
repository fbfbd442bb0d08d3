package io.github.checkmetrics.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link CheckmetricsPropertyException} into Spring Boot's start-up report: the property
 * and the rule it breaks, and what to change. Registered in {@code META-INF/spring.factories}.
 */
final class CheckmetricsFailureAnalyzer
    extends AbstractFailureAnalyzer<CheckmetricsPropertyException> {

  CheckmetricsFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, CheckmetricsPropertyException cause) {
    return new FailureAnalysis(
        "Invalid checkmetrics configuration: " + cause.getMessage(),
        "Change "
            + cause.property()
            + " in the application's configuration (application.yml, application.properties,"
            + " or the environment) so that it meets the rule above.",
        cause);
  }
}

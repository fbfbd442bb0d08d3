package io.github.checkmetrics.spring;

import java.util.Objects;

/**
 * A {@code checkmetrics.*} property, or the health contributors, break a rule of checkmetrics: the
 * application does not start, and Spring Boot's failure analysis names the property and the rule.
 *
 * <pre>{@code
 * ***************************
 * APPLICATION FAILED TO START
 * ***************************
 *
 * Description:
 *
 * Invalid checkmetrics configuration: checkmetrics.health.interval: interval must be positive: PT-5S
 *
 * Action:
 *
 * Change checkmetrics.health.interval in the application's configuration ...
 * }</pre>
 *
 * <p>The rule is the library's own message (thing, rule, value; never a credential). Not public:
 * applications meet it only in that report, through {@link CheckmetricsFailureAnalyzer}. Immutable.
 */
final class CheckmetricsPropertyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The property that breaks the rule. */
  private final String property;

  /** The rule and the value that breaks it. */
  private final String rule;

  /**
   * A broken rule.
   *
   * @param property the property, such as {@code checkmetrics.checks.orders.url}
   * @param rule what is wrong, such as {@code url must be an absolute http or https URL with a
   *     host: "ftp://orders"}
   * @param cause the library's exception, or {@code null}
   */
  CheckmetricsPropertyException(String property, String rule, Throwable cause) {
    super(Objects.requireNonNull(property, "property") + ": " + Objects.requireNonNull(rule, "rule"),
        cause);
    this.property = property;
    this.rule = rule;
  }

  /**
   * Returns the property that breaks the rule.
   *
   * @return the property, such as {@code checkmetrics.checks.orders.url}
   */
  String property() {
    return property;
  }

  /**
   * Returns the rule and the value that breaks it.
   *
   * @return the library's message, such as {@code interval must be positive: PT-5S}
   */
  String rule() {
    return rule;
  }
}

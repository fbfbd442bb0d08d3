package io.github.checkmetrics.spring;

import io.github.checkmetrics.model.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code checkmetrics.*} properties of a Spring Boot application: the runner, the health
 * contributors turned into checks, the checks declared in {@code application.yml}, and the options
 * of the metrics endpoint checkmetrics serves itself when Actuator's Prometheus support is absent.
 *
 * <pre>{@code
 * checkmetrics:
 *   region: eu-west-1
 *   health:
 *     interval: 30s
 *     timeout: 5s
 *     status-outcomes:
 *       UNKNOWN: failed
 *   checks:
 *     orders-api:
 *       url: https://orders.internal/health
 *       expected-status-min: 200
 *       expected-status-max: 299
 *       interval: 15s
 *     postgres:
 *       host: db.internal
 *       port: 5432
 * }</pre>
 *
 * <p>An unknown key under {@code checkmetrics.} fails the start (Spring Boot's own failure analyzer
 * names it); a bad value fails it too, with a failure analysis naming the property and the rule. Every duration left out takes the library's default ({@code
 * ScheduledCheck.DEFAULT_INTERVAL}, {@code ScheduledCheck.DEFAULT_TIMEOUT}). Immutable.
 *
 * @param region the region every result is recorded in, a {@code region} label value; default
 *     {@code local}
 * @param threads the most probes run at once; a hung health indicator or probe holds one thread
 *     until its timeout cuts it; default 4
 * @param health how health contributors become checks
 * @param checks HTTP and TCP checks by check id
 * @param layers the check families to keep: any of {@code status, durations, runs, last_run};
 *     default all
 * @param path the path of the metrics servlet checkmetrics registers when no {@code
 *     PrometheusRegistry} bean exists (no Actuator Prometheus support); default {@code /metrics}
 * @param constantLabels labels added to every series that servlet serves
 * @param auth the credentials that servlet requires
 * @param jvmMetrics whether that servlet's registry gets client_java's JVM metrics
 * @param processMetrics whether that servlet's registry gets client_java's process metrics
 */
@ConfigurationProperties(prefix = "checkmetrics", ignoreUnknownFields = false)
public record CheckmetricsProperties(
    String region,
    Integer threads,
    @DefaultValue Health health,
    Map<String, DeclaredCheck> checks,
    List<String> layers,
    String path,
    Map<String, String> constantLabels,
    @DefaultValue Auth auth,
    Boolean jvmMetrics,
    Boolean processMetrics) {

  /**
   * How health contributors become checks: each {@code HealthIndicator}, and each member of a
   * composite, is a check with the contributor's name as its name and check id (characters a
   * check id cannot hold become {@code _}, members of a composite are {@code parent.member}).
   *
   * @param enabled whether health contributors become checks; default {@code true}
   * @param interval the time between two calls of each indicator; default 30 s
   * @param timeout how long one call may take before it is recorded as failed with reason {@code
   *     timeout}; default 10 s, at most the interval
   * @param statusOutcomes health status code to outcome, over the defaults {@code UP=passed},
   *     {@code DOWN=failed}, {@code OUT_OF_SERVICE=failed}, {@code UNKNOWN=degraded}; a status
   *     mapped nowhere is failed
   * @param exclude names of health contributors that do not become checks
   */
  public record Health(
      @DefaultValue("true") boolean enabled,
      Duration interval,
      Duration timeout,
      Map<String, Outcome> statusOutcomes,
      List<String> exclude) {}

  /**
   * One check declared in properties: an HTTP probe when {@code url} is set, a TCP probe when
   * {@code host} and {@code port} are.
   *
   * @param name the check's display name, its {@code check_name} label; default its id
   * @param tags the check's tags
   * @param muted whether the check is muted (its {@code muted} label)
   * @param activated whether the check runs; default {@code true}
   * @param interval the time between the starts of two runs; default 30 s
   * @param timeout how long a run may take; default 10 s, at most the interval
   * @param url the {@code http} or {@code https} URL of an HTTP probe
   * @param method the HTTP method; default {@code GET}
   * @param expectedStatusMin the lowest status that passes; default 200, set with the maximum
   * @param expectedStatusMax the highest status that passes; default 399, set with the minimum
   * @param expectedBody a text the response body must hold
   * @param host the host of a TCP probe
   * @param port the port of a TCP probe
   * @param degradedThreshold a run that passes but takes longer is degraded
   */
  public record DeclaredCheck(
      String name,
      List<String> tags,
      boolean muted,
      @DefaultValue("true") boolean activated,
      Duration interval,
      Duration timeout,
      String url,
      String method,
      Integer expectedStatusMin,
      Integer expectedStatusMax,
      String expectedBody,
      String host,
      Integer port,
      Duration degradedThreshold) {}

  /**
   * The credentials a scrape of checkmetrics' own servlet must present, as the {@code
   * checkmetrics.auth.*} keys of {@code EndpointConfig}: a bearer token or a basic user.
   *
   * @param bearerToken the token, inline
   * @param bearerTokenFile a file of tokens, one a line, re-read when it changes
   * @param basicUser the basic auth user
   * @param basicPassword the basic auth password, inline
   * @param basicPasswordFile a file holding the basic auth password
   */
  public record Auth(
      String bearerToken,
      String bearerTokenFile,
      String basicUser,
      String basicPassword,
      String basicPasswordFile) {

    /** Shows which credentials are set, never their values. */
    @Override
    public String toString() {
      return "Auth{bearerToken="
          + (bearerToken == null ? "unset" : "***")
          + ", bearerTokenFile="
          + bearerTokenFile
          + ", basicUser="
          + basicUser
          + ", basicPassword="
          + (basicPassword == null ? "unset" : "***")
          + ", basicPasswordFile="
          + basicPasswordFile
          + '}';
    }
  }
}

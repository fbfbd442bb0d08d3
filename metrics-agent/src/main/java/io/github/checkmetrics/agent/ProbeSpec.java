package io.github.checkmetrics.agent;

import io.github.checkmetrics.exposition.Secret;
import io.github.checkmetrics.runner.HttpProbe;
import io.github.checkmetrics.runner.Probe;
import io.github.checkmetrics.runner.TcpProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a check of the checks file is probed, as values: two specs are equal when they probe the same
 * way, which is how a reload tells a changed check from an unchanged one.
 */
sealed interface ProbeSpec {

  /** The probe kind, the default {@code type} of a check: {@code http} or {@code tcp}. */
  String kind();

  /**
   * Builds the probe; the spec was checked when the file was read.
   *
   * @throws IllegalArgumentException if a credential or trust store file or variable the spec
   *     names went missing or empty since the file was read
   */
  Probe probe();

  /**
   * An HTTP probe.
   *
   * @param url the URL, or null in a module (the target gives it)
   * @param method null for {@code GET}
   * @param headers request headers in file order, or empty
   * @param body the request body, or null
   * @param expectedStatus the ranges of passing statuses, or empty for the probe's default
   * @param expectedBody a text the body must hold, or null
   * @param expectedBodyRegex a regular expression the body must match somewhere, or null
   * @param degradedThreshold null for never degraded
   * @param followRedirects null for the probe's default (not followed)
   * @param tls TLS options, or null for the defaults
   * @param auth the target's credentials by reference, or null for none
   */
  record Http(
      String url,
      String method,
      Map<String, String> headers,
      String body,
      List<StatusRange> expectedStatus,
      String expectedBody,
      String expectedBodyRegex,
      Duration degradedThreshold,
      Boolean followRedirects,
      Tls tls,
      Auth auth)
      implements ProbeSpec {

    /** Copies the collections. */
    public Http {
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
      expectedStatus = List.copyOf(expectedStatus);
    }

    /**
     * An HTTP probe with only the options of the first agent.
     *
     * @param minStatus the lowest passing status, or 0 for the default range
     * @param maxStatus the highest passing status, or 0 for the default range
     */
    Http(
        String url,
        String method,
        int minStatus,
        int maxStatus,
        String expectedBody,
        Duration degradedThreshold) {
      this(
          url,
          method,
          Map.of(),
          null,
          minStatus == 0 ? List.of() : List.of(new StatusRange(minStatus, maxStatus)),
          expectedBody,
          null,
          degradedThreshold,
          null,
          null,
          null);
    }

    @Override
    public String kind() {
      return "http";
    }

    @Override
    public Probe probe() {
      return probe(url);
    }

    /**
     * The probe of this spec against {@code target}, a URL checked by {@link HttpProbe#parse}.
     * Credential and trust store files and variables are read now, so a probe built later sees
     * their current content.
     *
     * @throws IllegalArgumentException if the target is no URL the probe takes, or a referenced
     *     file or variable is missing, empty or does not load
     */
    HttpProbe probe(String target) {
      HttpProbe.Builder builder = HttpProbe.builder(target);
      if (method != null) {
        builder.method(method);
      }
      headers.forEach(builder::header);
      if (body != null) {
        builder.body(body);
      }
      for (StatusRange range : expectedStatus) {
        builder.expectedStatus(range.min(), range.max());
      }
      if (expectedBody != null) {
        builder.bodyContains(expectedBody);
      }
      if (expectedBodyRegex != null) {
        builder.bodyMatches(expectedBodyRegex);
      }
      if (degradedThreshold != null) {
        builder.degradedThreshold(degradedThreshold);
      }
      if (followRedirects != null) {
        builder.followRedirects(followRedirects);
      }
      if (tls != null) {
        tls.applyTo(builder);
      }
      if (auth != null) {
        auth.applyTo(builder);
      }
      return builder.build();
    }
  }

  /**
   * A range of passing statuses.
   *
   * @param min the lowest passing status
   * @param max the highest passing status
   */
  record StatusRange(int min, int max) {}

  /**
   * TLS options of an HTTP probe.
   *
   * @param insecureSkipVerify null for the default (verify)
   * @param serverName the SNI name and the name the certificate must hold, or null
   * @param trustStore a PKCS#12 or JKS trust store, or null for the JVM's
   * @param trustStorePasswordFile the file holding the trust store's password, or null for none
   */
  record Tls(
      Boolean insecureSkipVerify, String serverName, Path trustStore, Path trustStorePasswordFile) {

    void applyTo(HttpProbe.Builder builder) {
      if (insecureSkipVerify != null) {
        builder.insecureSkipVerify(insecureSkipVerify);
      }
      if (serverName != null) {
        builder.serverName(serverName);
      }
      if (trustStore != null) {
        String password =
            trustStorePasswordFile == null
                ? null
                : Secret.file(trustStorePasswordFile).read("tls.trust_store_password_file");
        builder.trustStore(trustStore, password);
      }
    }
  }

  /**
   * The target's credentials, only by reference to a file or an environment variable: the
   * reader makes sure exactly one bearer source, or a basic user with exactly one password
   * source, is given.
   */
  record Auth(
      Path bearerTokenFile,
      String bearerTokenEnv,
      String basicUser,
      Path basicPasswordFile,
      String basicPasswordEnv) {

    void applyTo(HttpProbe.Builder builder) {
      if (bearerTokenFile != null) {
        builder.bearerTokenFromFile(bearerTokenFile);
      } else if (bearerTokenEnv != null) {
        builder.bearerTokenFromEnv(bearerTokenEnv);
      } else if (basicPasswordFile != null) {
        builder.basicAuthFromFile(basicUser, basicPasswordFile);
      } else if (basicPasswordEnv != null) {
        builder.basicAuthFromEnv(basicUser, basicPasswordEnv);
      }
    }
  }

  /**
   * A TCP probe.
   *
   * @param degradedThreshold null for never degraded
   */
  record Tcp(String host, int port, Duration degradedThreshold) implements ProbeSpec {

    @Override
    public String kind() {
      return "tcp";
    }

    @Override
    public Probe probe() {
      TcpProbe.Builder builder = TcpProbe.builder(host, port);
      if (degradedThreshold != null) {
        builder.degradedThreshold(degradedThreshold);
      }
      return builder.build();
    }
  }
}

package io.github.checkmetrics.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProbeRouteTest {

  @TempDir Path directory;
  private LoopbackTargets targets;
  private Path checks;

  @BeforeEach
  void start() throws IOException {
    targets = new LoopbackTargets();
    checks = directory.resolve("checks.yml");
    Files.writeString(
        checks,
        """
        modules:
          http_2xx: {type: http, timeout: 5s, http: {expected_status: 200-299}}
          http_body: {timeout: 5s, http: {expected_body: OK}}
        """);
  }

  @AfterEach
  void stop() {
    targets.close();
  }

  private void withAgent(List<String> extra, Consumer<String> body) {
    List<String> args = new java.util.ArrayList<>(List.of("--config", checks.toString(),
        "--no-watch"));
    args.addAll(extra);
    AgentRun run = AgentRun.serve(args, Map.of(), agent -> body.accept(AgentRun.base(agent)));
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  private static String probe(String base, String module, String target) {
    return base + "/probe?module=" + module + "&target="
        + URLEncoder.encode(target, StandardCharsets.UTF_8);
  }

  @Test
  void aModuleWhoseTokenFileWentMissingShouldAnswer500AndNoSecret() throws IOException {
    Path token = Files.writeString(directory.resolve("token"), "s3cr3t\n");
    Files.writeString(checks, "modules:\n  authed: {timeout: 5s, http: {auth: {bearer_token_file: \""
        + token + "\"}}}\n");
    withAgent(List.of(), base -> {
      String ok = targets.url("/ok.txt");
      assertThat(Http.get(probe(base, "authed", ok)).statusCode()).isEqualTo(200);
      try {
        Files.delete(token);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }

      HttpResponse<String> missing = Http.get(probe(base, "authed", ok));

      assertThat(missing.statusCode()).isEqualTo(500);
      assertThat(missing.body()).isEqualTo("module \"authed\" cannot probe: bearer token file must"
          + " exist: \"" + token + "\"\n");
      // A bad target is still the request's fault, whatever the module.
      assertThat(Http.get(probe(base, "authed", "ftp://x/")).statusCode()).isEqualTo(400);
    });
  }

  @Test
  void probeShouldAnswerTheRunInTheCheckFamiliesAndBlackboxNames() {
    withAgent(List.of(), base -> {
      String ok = targets.url("/ok.txt");
      HttpResponse<String> passed = Http.get(probe(base, "http_2xx", ok));
      assertThat(passed.statusCode()).isEqualTo(200);
      assertThat(passed.headers().firstValue("Content-Type")).hasValue(
          "text/plain; version=0.0.4; charset=utf-8");
      String body = passed.body();
      assertThat(Http.value(body, "probe_success")).isEqualTo(1.0);
      assertThat(Http.value(body, "probe_duration_seconds")).isGreaterThan(0.0);
      assertThat(Http.value(body, "check_runs_total", "check_id=\"http_2xx\"",
          "check_name=\"" + ok + "\"", "region=\"local\"", "status=\"success\"")).isEqualTo(1.0);
      assertThat(Http.value(body, "check_status", "check_type=\"http\"")).isEqualTo(1.0);

      String failing = Http.get(probe(base, "http_2xx", targets.url("/failing"))).body();
      assertThat(Http.value(failing, "probe_success")).isEqualTo(0.0);
      assertThat(Http.value(failing, "check_runs_total", "status=\"failure\"")).isEqualTo(1.0);

      String noBody = Http.get(probe(base, "http_body", targets.url("/failing"))).body();
      assertThat(Http.value(noBody, "probe_success")).isEqualTo(0.0);

      HttpResponse<String> openMetrics =
          Http.get(probe(base, "http_2xx", ok) + "&format=openmetrics");
      assertThat(openMetrics.body()).endsWith("# EOF\n");
    });
  }

  static Stream<Arguments> badProbes() {
    return Stream.of(
        Arguments.of("target=http%3A%2F%2F127.0.0.1%2F", new String[] {},
            "module parameter is missing; modules: http_2xx, http_body\n"),
        Arguments.of("module=tcp&target=http%3A%2F%2F127.0.0.1%2F", new String[] {},
            "unknown module \"tcp\"; modules: http_2xx, http_body\n"),
        Arguments.of("module=http_2xx", new String[] {}, "target parameter is missing\n"),
        Arguments.of("module=http_2xx&target=not%20a%20url", new String[] {},
            "target must be an absolute http or https URL with a host: \"not a url\"\n"),
        Arguments.of("module=http_2xx&target=ftp%3A%2F%2F127.0.0.1%2F", new String[] {},
            "target must be an absolute http or https URL with a host: \"ftp://127.0.0.1/\"\n"),
        Arguments.of("module=http_2xx&target=127.0.0.1%3A80", new String[] {},
            "target must be an absolute http or https URL with a host: \"127.0.0.1:80\"\n"),
        Arguments.of("module=http_2xx&target=http%3A%2F%2Fuser%3Apw%40127.0.0.1%2F",
            new String[] {},
            "target must not contain user information (it would show in labels and logs):"
                + " \"http://***@127.0.0.1/\"\n"),
        Arguments.of("module=http_2xx&module=http_body&target=http%3A%2F%2Fh%2F",
            new String[] {}, "module parameter must be given once\n"),
        Arguments.of("module=http_2xx&target=http%3A%2F%2Fh%2F",
            new String[] {"X-Prometheus-Scrape-Timeout-Seconds", "ten"},
            "X-Prometheus-Scrape-Timeout-Seconds must be a positive number of seconds:"
                + " \"ten\"\n"),
        Arguments.of("module=http_2xx&target=http%3A%2F%2Fh%2F",
            new String[] {"X-Prometheus-Scrape-Timeout-Seconds", "-1"},
            "X-Prometheus-Scrape-Timeout-Seconds must be a positive number of seconds:"
                + " \"-1\"\n"),
        Arguments.of("module=http_2xx&target=http%3A%2F%2Fh%2F",
            new String[] {"X-Prometheus-Scrape-Timeout-Seconds", "NaN"},
            "X-Prometheus-Scrape-Timeout-Seconds must be a positive number of seconds:"
                + " \"NaN\"\n"));
  }

  @ParameterizedTest
  @MethodSource("badProbes")
  void badProbeShouldGet400WithAClearBody(String query, String[] headers, String message) {
    withAgent(List.of(), base -> {
      HttpResponse<String> response = Http.get(base + "/probe?" + query, headers);
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).isEqualTo(message);
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    });
  }

  @Test
  void otherMethodsShouldGet405() {
    withAgent(List.of(), base -> {
      HttpResponse<String> response =
          Http.post(probe(base, "http_2xx", targets.url("/ok.txt")));
      assertThat(response.statusCode()).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    });
  }

  @Test
  void scrapeTimeoutMinusOffsetShouldCutTheProbe() {
    withAgent(List.of("--timeout-offset", "500ms"), base -> {
      // Module timeout 5s; the scrape's 1.5s minus 0.5s wins: the held target times out.
      HttpResponse<String> response = Http.get(probe(base, "http_2xx", targets.url("/slow")),
          "X-Prometheus-Scrape-Timeout-Seconds", "1.5");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Http.value(response.body(), "probe_success")).isEqualTo(0.0);
      assertThat(Http.value(response.body(), "probe_duration_seconds"))
          .isGreaterThanOrEqualTo(0.9);
    });
  }

  @Test
  void probesBeyondTheLimitShouldGet503() {
    withAgent(List.of("--max-concurrent-probes", "1"), base -> {
      CompletableFuture<HttpResponse<String>> held =
          CompletableFuture.supplyAsync(() -> Http.get(probe(base, "http_2xx",
              targets.url("/slow"))));
      try {
        targets.awaitHeld(1);
        HttpResponse<String> refused = Http.get(probe(base, "http_2xx", targets.url("/ok.txt")));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).isEqualTo("too many probes at once (at most 1); try again\n");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        // Scrapes of the metrics path keep threads of their own.
        assertThat(Http.get(base + "/metrics").statusCode()).isEqualTo(200);
        targets.release();
        HttpResponse<String> first = held.get(30, TimeUnit.SECONDS);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Http.value(first.body(), "probe_success")).isEqualTo(1.0);
        assertThat(Http.get(probe(base, "http_2xx", targets.url("/ok.txt"))).statusCode())
            .isEqualTo(200);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }
}

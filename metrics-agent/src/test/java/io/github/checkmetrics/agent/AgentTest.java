package io.github.checkmetrics.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path directory;
  private LoopbackTargets targets;
  private Path checks;

  @BeforeEach
  void startTargets() {
    targets = new LoopbackTargets();
    checks = directory.resolve("checks.yml");
  }

  @AfterEach
  void stopTargets() {
    targets.close();
  }

  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String check(String id, String name, String url) {
    return "  - {id: " + id + ", name: \"" + name + "\", interval: 1s, timeout: 1s, http: {url: \""
        + url + "\"}}\n";
  }

  private void write(String yaml) {
    try {
      // Written beside and moved, as a deployment tool does: a reader never sees half a file.
      Path temporary = directory.resolve("checks.yml.tmp");
      Files.writeString(temporary, yaml);
      Files.move(temporary, checks, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String metrics(Agent agent) {
    HttpResponse<String> response = Http.get(AgentRun.base(agent) + "/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static double runs(String exposition, String id, String status) {
    return Http.value(exposition, "check_runs_total", "check_id=\"" + id + "\"",
        "status=\"" + status + "\"");
  }

  @Test
  void agentShouldRunTheChecksOfTheFileAndServeThem() {
    write("checks:\n" + check("web-ok", "Web OK", targets.url("/ok.txt"))
        + "  - {id: port-closed, interval: 1s, timeout: 500ms, tcp: {host: 127.0.0.1, port: "
        + closedPort() + "}}\n");

    AgentRun run =
        AgentRun.serve(
            List.of("--config", checks.toString(), "--no-watch"),
            Map.of(),
            agent -> {
              Await.until("both checks ran", WAIT, () -> {
                String body = metrics(agent);
                return runs(body, "web-ok", "success") >= 1
                    && runs(body, "port-closed", "failure") >= 1;
              });
              String body = metrics(agent);
              assertThat(Http.value(body, "checkmetrics_config_last_reload_successful"))
                  .isEqualTo(1.0);
              // The latest run decides the status; on a loaded machine one may time out.
              Await.until("web-ok's latest run passed", WAIT, () -> Http.value(metrics(agent),
                  "check_status", "check_id=\"web-ok\"") == 1.0);
              assertThat(Http.value(body, "check_status", "check_id=\"port-closed\""))
                  .isEqualTo(0.0);
              assertThat(body).contains("jvm_threads_current");
              assertThat(Http.get(AgentRun.base(agent) + "/-/healthy").statusCode())
                  .isEqualTo(200);
            });

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("checkmetrics agent: 2 checks of " + checks + " at http://127.0.0.1:");
  }

  @Test
  void reloadShouldApplyTheDifferenceAndKeepUnchangedChecksCounting() {
    String ok = targets.url("/ok.txt");
    write("checks:\n" + check("same", "Same", ok) + check("changed", "Old name", ok)
        + check("removed", "Removed", ok));

    AgentRun run =
        AgentRun.serve(
            List.of("--config", checks.toString(), "--no-watch"),
            Map.of(),
            agent -> {
              Await.until("every check ran twice", WAIT, () -> {
                String body = metrics(agent);
                return runs(body, "same", "success") >= 2 && runs(body, "changed", "success") >= 1
                    && runs(body, "removed", "success") >= 1;
              });
              double before = runs(metrics(agent), "same", "success");
              write("checks:\n" + check("same", "Same", ok) + check("changed", "New name", ok)
                  + check("added", "Added", ok));

              HttpResponse<String> reload = Http.post(AgentRun.base(agent) + "/-/reload");

              assertThat(reload.statusCode()).isEqualTo(200);
              assertThat(reload.body())
                  .isEqualTo("reloaded: 1 added, 1 removed, 1 replaced, 1 unchanged\n");
              String after = metrics(agent);
              assertThat(after).doesNotContain("check_id=\"removed\"");
              assertThat(after).doesNotContain("check_name=\"Old name\"");
              assertThat(runs(after, "same", "success")).isGreaterThanOrEqualTo(before);
              Await.until("the added and changed checks ran", WAIT, () -> {
                String body = metrics(agent);
                return runs(body, "added", "success") >= 1
                    && Http.value(body, "check_runs_total", "check_name=\"New name\"",
                        "status=\"success\"") >= 1;
              });
              assertThat(agent.checks().ids()).containsExactly("same", "changed", "added");
            });

    assertThat(run.exitCode()).isZero();
  }

  @Test
  void badReloadShouldChangeNothingUnderLoad() {
    String ok = targets.url("/ok.txt");
    String good = "checks:\n" + check("steady", "Steady", ok);
    write(good);

    AgentRun run =
        AgentRun.serve(
            List.of("--config", checks.toString(), "--no-watch"),
            Map.of(),
            agent -> {
              Await.until("the check ran", WAIT, () -> runs(metrics(agent), "steady", "success") >= 1);
              double success = Http.value(metrics(agent),
                  "checkmetrics_config_last_reload_success_timestamp_seconds");
              write(good + "  - {id: broken, interval: 2 s, tcp: {host: h, port: 1}}\n");
              double last = 0;
              // Reloads of a bad file while the check runs and is scraped: no series dropped,
              // the counter never goes back.
              for (int i = 0; i < 20; i++) {
                HttpResponse<String> reload = Http.post(AgentRun.base(agent) + "/-/reload");
                assertThat(reload.statusCode()).isEqualTo(400);
                assertThat(reload.body())
                    .isEqualTo("reload failed, nothing changed: " + checks
                        + ":3:28: interval must be a positive duration such as 30s, 1m30s or"
                        + " 500ms: \"2 s\"\n");
                String body = metrics(agent);
                double now = runs(body, "steady", "success");
                assertThat(now).isGreaterThanOrEqualTo(last);
                last = now;
                assertThat(Http.value(body, "checkmetrics_config_last_reload_successful"))
                    .isEqualTo(0.0);
                assertThat(Http.value(body,
                    "checkmetrics_config_last_reload_success_timestamp_seconds"))
                    .isEqualTo(success);
              }
              double runsAfterBadReloads = last;
              Await.until("the check went on running", WAIT,
                  () -> runs(metrics(agent), "steady", "success") > runsAfterBadReloads);
              assertThat(agent.checks().ids()).containsExactly("steady");
            });

    assertThat(run.exitCode()).isZero();
  }

  @Test
  void reloadsUnderScrapesShouldNeverDropOrResetAnUnchangedCheck() {
    String ok = targets.url("/ok.txt");
    String steady = "checks:\n" + check("steady", "Steady", ok);
    write(steady);

    AgentRun run =
        AgentRun.serve(
            List.of("--config", checks.toString(), "--no-watch"),
            Map.of(),
            agent -> {
              Await.until("the check ran", WAIT,
                  () -> runs(metrics(agent), "steady", "success") >= 1);
              java.util.concurrent.atomic.AtomicBoolean done =
                  new java.util.concurrent.atomic.AtomicBoolean();
              List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
              java.util.concurrent.atomic.AtomicInteger scrapes =
                  new java.util.concurrent.atomic.AtomicInteger();
              Thread scraper = new Thread(() -> {
                double last = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (!done.get() && System.nanoTime() - deadline < 0) {
                  double now = runs(metrics(agent), "steady", "success");
                  scrapes.incrementAndGet();
                  if (!(now >= last)) {
                    violations.add("steady went from " + last + " to " + now);
                  }
                  last = Double.isNaN(now) ? last : now;
                }
              }, "scraper");
              scraper.setDaemon(true);
              double before = runs(metrics(agent), "steady", "success");
              scraper.start();
              try {
                for (int i = 0; i < 10; i++) {
                  write(steady + check("extra", "Extra " + i, ok));
                  assertThat(Http.post(AgentRun.base(agent) + "/-/reload").statusCode())
                      .isEqualTo(200);
                  write(steady + "  - {id: broken, interval: never, tcp: {host: h, port: 1}}\n");
                  assertThat(Http.post(AgentRun.base(agent) + "/-/reload").statusCode())
                      .isEqualTo(400);
                }
                Await.until("the check went on running", WAIT,
                    () -> runs(metrics(agent), "steady", "success") > before + 1);
              } finally {
                done.set(true);
                try {
                  scraper.join(30_000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              assertThat(violations).isEmpty();
              assertThat(scrapes.get()).isPositive();
              assertThat(agent.checks().ids()).containsExactly("steady", "extra");
            });

    assertThat(run.exitCode()).isZero();
  }

  @Test
  void aChangedFileShouldBeReloadedByTheWatch() {
    String ok = targets.url("/ok.txt");
    write("checks:\n" + check("first", "First", ok));

    AgentRun run =
        AgentRun.serve(
            List.of("--config", checks.toString()),
            Map.of(),
            agent -> {
              Await.until("the first check ran", WAIT,
                  () -> runs(metrics(agent), "first", "success") >= 1);
              write("checks:\n" + check("first", "First", ok) + check("second", "Second", ok));
              Await.until("the watch added the second check", WAIT,
                  () -> runs(metrics(agent), "second", "success") >= 1);
              write("checks: [\n");
              Await.until("the watch saw the bad file", WAIT, () -> Http.value(metrics(agent),
                  "checkmetrics_config_last_reload_successful") == 0.0);
              assertThat(agent.checks().ids()).containsExactly("first", "second");
            });

    assertThat(run.exitCode()).isZero();
  }

  @Test
  void shardShouldRunOnlyItsChecks() {
    String ok = targets.url("/ok.txt");
    // FNV-1a: web-ok and web-failing hash into shard 0 of 2, port-closed and web-slow into 1.
    write("checks:\n" + check("web-ok", "a", ok) + check("port-closed", "b", ok)
        + check("web-failing", "c", ok) + check("web-slow", "d", ok));

    AgentRun run =
        AgentRun.serve(
            List.of("--config", checks.toString(), "--no-watch", "--shard", "1/2"),
            Map.of(),
            agent -> assertThat(agent.checks().ids()).containsExactly("port-closed", "web-slow"));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("2 checks of " + checks + " (shard 1/2)");
  }

  @Test
  void probeAndReloadShouldNeedTheMetricsCredentials() {
    write("checks: []\nmodules:\n  http_2xx: {http: {}}\n");

    AgentRun run =
        AgentRun.serve(
            List.of("--config", checks.toString(), "--no-watch"),
            Map.of("CHECKMETRICS_AUTH_BEARER_TOKEN", "s3cr3t-token"),
            agent -> {
              String base = AgentRun.base(agent);
              String probe = base + "/probe?module=http_2xx&target=" + targets.url("/ok.txt");
              assertThat(Http.get(base + "/metrics").statusCode()).isEqualTo(401);
              assertThat(Http.get(probe).statusCode()).isEqualTo(401);
              assertThat(Http.post(base + "/-/reload").statusCode()).isEqualTo(401);
              String bearer = "Bearer s3cr3t-token";
              assertThat(Http.get(probe, "Authorization", bearer).statusCode()).isEqualTo(200);
              assertThat(Http.post(base + "/-/reload", "Authorization", bearer).body())
                  .isEqualTo("reloaded: 0 added, 0 removed, 0 replaced, 0 unchanged\n");
              assertThat(Http.get(base + "/-/reload", "Authorization", bearer).statusCode())
                  .isEqualTo(405);
            });

    assertThat(run.exitCode()).isZero();
  }

  @Test
  void badInputShouldExitWithTwoAndStartNothing() {
    Path missing = directory.resolve("missing.yml");
    AgentRun noFile =
        AgentRun.serve(List.of("--config", missing.toString()), Map.of(), agent -> {
          throw new AssertionError("started");
        });
    assertThat(noFile.exitCode()).isEqualTo(2);
    assertThat(noFile.err())
        .isEqualTo("error: " + missing + ": cannot be read: java.nio.file.NoSuchFileException: "
            + missing + "\n");

    write("checks:\n  - id: a\n    tcp: {host: h, port: 1}\n  - id: a\n    tcp: {host: h, port: 2}\n");
    AgentRun duplicate =
        AgentRun.serve(List.of("--config", checks.toString()), Map.of(), agent -> {
          throw new AssertionError("started");
        });
    assertThat(duplicate.exitCode()).isEqualTo(2);
    assertThat(duplicate.err())
        .isEqualTo("error: " + checks + ":4:9: duplicate check id \"a\" (first at line 2)\n");

    write("checks: []\n");
    AgentRun twice =
        AgentRun.serve(List.of("--config", checks.toString()), Map.of("CHECKMETRICS_PORT", "1"),
            agent -> {
              throw new AssertionError("started");
            });
    assertThat(twice.exitCode()).isEqualTo(2);
    assertThat(twice.err())
        .isEqualTo("error: --port and the environment variable CHECKMETRICS_PORT are both given;"
            + " give one of them\n");

    AgentRun badConfig =
        AgentRun.run(List.of("--config", checks.toString()),
            Map.of("CHECKMETRICS_PORT", "http"), agent -> {
              throw new AssertionError("started");
            });
    assertThat(badConfig.exitCode()).isEqualTo(2);
    assertThat(badConfig.err()).startsWith("error: ").contains("CHECKMETRICS_PORT");

    AgentRun usage = AgentRun.run(List.of("--shard", "0/0"), Map.of(), agent -> {
      throw new AssertionError("started");
    });
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.err())
        .startsWith("error: --shard must be I/N with 0 <= I < N, such as 0/2: \"0/0\"\n\nUsage: ");
  }

  @Test
  void helpShouldPrintTheUsage() {
    AgentRun help = AgentRun.run(List.of("--help"), Map.of(), agent -> {
      throw new AssertionError("started");
    });
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).isEqualTo(AgentOptions.USAGE);
  }
}

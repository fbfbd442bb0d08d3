package io.github.checkmetrics.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packaged {@code checkmetrics-agent.jar}, run by {@code java -jar} as users run it. */
class AgentIT {

  private static final Path JAR = Path.of(System.getProperty("checkmetricsTest.agentJar",
      "target/checkmetrics-agent.jar"));
  private static final Pattern SERVING = Pattern.compile("at http://127\\.0\\.0\\.1:(\\d+)/metrics");

  @TempDir Path directory;
  private LoopbackTargets targets;
  private final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void start() {
    targets = new LoopbackTargets();
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (Process process : processes) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    targets.close();
  }

  private Process java(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        JAR.toString()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command)
          .redirectOutput(directory.resolve("out.txt").toFile())
          .redirectError(directory.resolve("err.txt").toFile())
          .start();
      processes.add(process);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String read(String file) {
    try {
      return Files.readString(directory.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int exit(Process process) throws InterruptedException {
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited within 60 s").isTrue();
    return process.exitValue();
  }

  @Test
  void helpShouldPrintTheUsageAndExitZero() throws InterruptedException {
    assertThat(exit(java("--help"))).isZero();
    assertThat(read("out.txt")).isEqualTo(AgentOptions.USAGE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2/2", "0/0", "a/b"})
  void badShardShouldExitTwo(String shard) throws InterruptedException {
    assertThat(exit(java("--config", "checks.yml", "--shard", shard))).isEqualTo(2);
    assertThat(read("err.txt"))
        .startsWith("error: --shard must be I/N with 0 <= I < N, such as 0/2: \"" + shard + "\"");
  }

  @Test
  void badFileShouldExitTwoWithItsLine() throws Exception {
    Path checks = directory.resolve("checks.yml");
    Files.writeString(checks, "checks:\n  - id: a\n    interval: soon\n    tcp: {host: h, port: 1}\n");

    assertThat(exit(java("--config", checks.toString()))).isEqualTo(2);
    assertThat(read("err.txt")).isEqualTo("error: " + checks
        + ":3:15: interval must be a positive duration such as 30s, 1m30s or 500ms: \"soon\"\n");
  }

  @Test
  void agentShouldServeItsChecksAndStopCleanlyOnSigterm() throws Exception {
    Path checks = directory.resolve("checks.yml");
    Files.writeString(checks, "checks:\n  - {id: web-ok, interval: 1s, timeout: 500ms, http: {url: \""
        + targets.url("/ok.txt") + "\"}}\n");
    Process agent = java("--config", checks.toString(), "--host", "127.0.0.1", "--port", "0");

    int[] port = {0};
    Await.until("the agent printed its address", Duration.ofSeconds(60), () -> {
      Matcher m = SERVING.matcher(read("out.txt"));
      if (m.find()) {
        port[0] = Integer.parseInt(m.group(1));
      }
      return port[0] != 0 || !agent.isAlive();
    });
    assertThat(agent.isAlive()).as(read("err.txt")).isTrue();
    String base = "http://127.0.0.1:" + port[0];
    Await.until("the check ran", Duration.ofSeconds(30), () -> Http.value(
        Http.get(base + "/metrics").body(), "check_runs_total", "check_id=\"web-ok\"",
        "status=\"success\"") >= 1);
    assertThat(Http.get(base + "/-/healthy").body()).isEqualTo("OK");

    agent.destroy(); // SIGTERM

    assertThat(exit(agent)).isEqualTo(143);
    assertThat(read("err.txt")).contains("INFO io.github.checkmetrics.agent.Agent - stopping")
        .contains("INFO io.github.checkmetrics.agent.Agent - stopped");
  }
}

package io.github.checkmetrics.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks file's HTTP options, through a run of the agent against a loopback target. */
class HttpOptionsAgentTest {

  @TempDir Path directory;
  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          seen.add(
              exchange.getRequestMethod()
                  + " X-Probe=" + exchange.getRequestHeaders().getFirst("X-Probe")
                  + " Authorization=" + exchange.getRequestHeaders().getFirst("Authorization")
                  + " body=" + body);
          byte[] answer = "status: UP-42\n".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(418, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private AgentRun once(String regex) throws IOException {
    Path token = Files.writeString(directory.resolve("token"), "t0k3n\n");
    Path checks = directory.resolve("checks.yml");
    Files.writeString(
        checks,
        "checks:\n"
            + "  - id: api\n"
            + "    interval: 1m\n"
            + "    timeout: 10s\n"
            + "    http:\n"
            + "      url: \"http://127.0.0.1:" + server.getAddress().getPort() + "/api\"\n"
            + "      method: POST\n"
            + "      headers: {X-Probe: agent}\n"
            + "      body: ping\n"
            + "      expected_status: [200-299, 418]\n"
            + "      expected_body_regex: '" + regex + "'\n"
            + "      auth: {bearer_token_file: \"" + token + "\"}\n");
    return AgentRun.run(
        List.of("--config", checks.toString(), "--once"),
        Map.of(),
        agent -> {
          throw new AssertionError("--once started a server");
        });
  }

  @Test
  void headersBodyCredentialsStatusRangesAndRegexShouldReachTheTarget() throws IOException {
    AgentRun run = once("UP-\\d+");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Http.value(run.out(), "check_runs_total", "check_id=\"api\"",
        "status=\"success\"")).isEqualTo(1.0);
    assertThat(seen).containsExactly("POST X-Probe=agent Authorization=Bearer t0k3n body=ping");
    assertThat(run.out() + run.err()).doesNotContain("t0k3n");
  }

  @Test
  void aBodyThatMissesTheRegexShouldFailTheCheck() throws IOException {
    AgentRun run = once("DOWN");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(Http.value(run.out(), "check_runs_total", "check_id=\"api\"",
        "status=\"failure\"")).isEqualTo(1.0);
    assertThat(seen).hasSize(1);
  }
}

package com.example.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The example on a random port: its health indicators are checks at /actuator/prometheus. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // the random port is unknown when application.yml is bound: the self check is not run here
    properties = {"checkmetrics.checks.self.activated=false", "checkmetrics.health.interval=1s",
        "checkmetrics.health.timeout=500ms"})
class ExampleApplicationTest {

  @LocalServerPort private int port;

  @Test
  void healthIndicatorsShouldBeChecksAtActuatorPrometheus() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
            .header("Accept", "text/plain; version=0.0.4")
            .timeout(Duration.ofSeconds(30))
            .build();
    String body = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    // Each indicator records with its own first run: wait for both that the assertions name.
    while (!(body.contains("check_id=\"inventory\",check_name=\"inventory\",check_type=\"health\","
                + "muted=\"false\",tags=\"\"} 1.0")
            && body.contains("check_id=\"diskSpace\""))
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
      body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    assertThat(body)
        .contains(
            "check_status{activated=\"true\",check_id=\"inventory\",check_name=\"inventory\","
                + "check_type=\"health\",muted=\"false\",tags=\"\"} 1.0")
        .contains("check_id=\"diskSpace\"")
        .contains("jvm_memory_used_bytes")
        // registered, but deactivated here: it never runs, so it has no series yet
        .doesNotContain("check_id=\"self\"");
  }
}

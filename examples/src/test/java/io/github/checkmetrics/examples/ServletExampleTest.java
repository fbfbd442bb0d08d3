package io.github.checkmetrics.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The servlet example on a free port: its metrics show both checks after the first round. */
class ServletExampleTest {

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void exampleShouldServeTheResultsOfItsProbes() throws Exception {
    try (ServletExample example = ServletExample.start(0)) {
      String body = scrapeUntilBothChecksRan(example);

      assertThat(body)
          .contains(
              "check_status{activated=\"true\",check_id=\"hello-page\",check_name=\"Hello page\","
                  + "check_type=\"http\",muted=\"false\",service=\"example\",tags=\"\"} 1.0")
          .contains(
              "check_status{activated=\"true\",check_id=\"missing-page\","
                  + "check_name=\"Missing page\",check_type=\"http\",muted=\"false\","
                  + "service=\"example\",tags=\"\"} 0.0");
      assertThat(get(example, "/hello").body()).isEqualTo("Hello\n");
    }
  }

  /** The first round starts at once; waits for it, up to 30 s, without asserting on speed. */
  private String scrapeUntilBothChecksRan(ServletExample example) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String body = "";
    while (System.nanoTime() < deadline) {
      body = get(example, "/metrics?name[]=check_status").body();
      if (body.contains("hello-page") && body.contains("missing-page")) {
        return body;
      }
      Thread.sleep(50);
    }
    return body;
  }

  private HttpResponse<String> get(ServletExample example, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(example.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}

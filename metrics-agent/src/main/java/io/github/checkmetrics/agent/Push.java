package io.github.checkmetrics.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A push of one exposition to a Pushgateway: {@code PUT
 * <url>/metrics/job@base64/<job>/instance@base64/<instance>} with the Prometheus text format, which
 * replaces every metric of that group. Job and instance go base64url-encoded, which the Pushgateway
 * reads for any value, slashes included.
 *
 * @param url the Pushgateway's base URL, such as {@code http://127.0.0.1:9091}
 * @param authorization the value of the {@code Authorization} header, or null
 * @see <a href="https://github.com/prometheus/pushgateway#url">Pushgateway URL</a>
 */
record Push(URI url, String job, String instance, String authorization) {

  static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** The URL the group is put to. */
  URI groupUrl() {
    String base = url.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(
        base + "/metrics/job@base64/" + base64(job) + "/instance@base64/" + base64(instance));
  }

  /**
   * Puts the body.
   *
   * @param body the exposition in the Prometheus text format
   * @throws IOException if the request fails or the Pushgateway answers other than 2xx; the message
   *     holds the status and the start of its body
   */
  void put(byte[] body) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(groupUrl())
            .timeout(TIMEOUT)
            .header("Content-Type", TEXT_FORMAT)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() / 100 != 2) {
      String answer = response.body().strip();
      if (answer.length() > 200) {
        answer = answer.substring(0, 200) + "...";
      }
      throw new IOException("the Pushgateway answered " + response.statusCode() + ": " + answer);
    }
  }

  private static String base64(String value) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    // Never the credentials.
    return "Push{" + groupUrl() + (authorization == null ? "" : ", with credentials") + "}";
  }
}

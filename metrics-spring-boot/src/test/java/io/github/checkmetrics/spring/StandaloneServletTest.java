package io.github.checkmetrics.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.testkit.Promtool;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The same application without Actuator's Prometheus support (its auto-configuration excluded, as
 * when {@code micrometer-registry-prometheus} is absent): no {@code PrometheusRegistry} bean, so
 * checkmetrics registers its own {@code MetricsServlet} at {@code checkmetrics.path}, with the
 * endpoint options of {@code checkmetrics.*}.
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.autoconfigure.exclude=org.springframework.boot.micrometer.metrics.autoconfigure"
          + ".export.prometheus.PrometheusMetricsExportAutoConfiguration",
      "management.endpoints.web.exposure.include=health,prometheus",
      "checkmetrics.path=/checks",
      "checkmetrics.auth.bearer-token=" + StandaloneServletTest.TOKEN,
      "checkmetrics.constant-labels.service=orders",
      "checkmetrics.health.interval=2s",
      "checkmetrics.health.timeout=1s",
      "checkmetrics.health.exclude=slow"
    })
class StandaloneServletTest {

  static final String TOKEN = "s3cret-token";

  @LocalServerPort private int port;
  @Autowired private ApplicationContext context;

  @Test
  void servletShouldServeTheChecksAtItsPathBehindItsToken() throws Exception {
    assertThat(context.getBeanProvider(PrometheusRegistry.class).getIfAvailable()).isNull();

    HttpResponse<String> refused = HttpGet.get(port, "/checks");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).isEqualTo("Unauthorized\n");

    Scrapes.await(
        "ordersDb passes",
        () ->
            Double.valueOf(1)
                .equals(
                    Scrapes.value(
                        HttpGet.get(port, "/checks", "Authorization", "Bearer " + TOKEN).body(),
                        "check_status",
                        "check_id=\"ordersDb\"")));
    HttpResponse<String> scrape = HttpGet.get(port, "/checks", "Authorization", "Bearer " + TOKEN);
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body())
        .contains(
            "check_status{activated=\"true\",check_id=\"ordersDb\",check_name=\"ordersDb\","
                + "check_type=\"health\",muted=\"false\",service=\"orders\",tags=\"\"} 1")
        .doesNotContain("check_id=\"slow\"");
    assertThat(Promtool.checkMetrics(scrape.body())).isEmpty();

    assertThat(HttpGet.get(port, "/actuator/prometheus").statusCode()).isEqualTo(404);
  }
}

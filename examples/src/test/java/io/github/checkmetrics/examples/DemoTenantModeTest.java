package io.github.checkmetrics.examples;

import static io.github.checkmetrics.examples.DemoConsole.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.assertj.ExpositionAssertions;
import io.github.checkmetrics.testkit.contract.AuthContractSuite;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo in tenant mode, in this JVM: each tenant of {@code --tenants-file} sees its own checks
 * only, on its path with its bearer token (Checkly's shape) and on {@code /metrics} with basic auth
 * (Appclacks' shape); every other request gets one identical refusal; the console shows no token.
 */
class DemoTenantModeTest {

  private static final String ACME_TOKEN = "acme-token-7f3a";
  private static final String GLOBEX_TOKEN = "globex-token-91c2";
  private static final Pattern CHECK_STATUS_ID =
      Pattern.compile("(?m)^check_status\\{.*?check_id=\"([^\"]+)\"");

  @TempDir Path dir;

  private final DemoConsole console = new DemoConsole();

  @Test
  void eachTenantShouldSeeItsOwnChecksInBothShapesAndEveryOtherRequestTheSameRefusal()
      throws IOException {
    String unreachable = unreachableUrl();
    Path file =
        Files.writeString(
            dir.resolve("tenants.txt"),
            "# tenant token URLs\n"
                + "acme   "
                + ACME_TOKEN
                + "   "
                + unreachable
                + "a "
                + unreachable
                + "b\n"
                + "globex "
                + GLOBEX_TOKEN
                + " "
                + unreachable
                + "c\n");

    int code =
        console.run(
            new String[] {"--port", "0", "--interval", "1s", "--tenants-file", file.toString()},
            demo -> {
              console.awaitOut("3 checks: ");

              HttpResponse<String> acmeBearer =
                  get(demo, "/accounts/acme/metrics", "Bearer " + ACME_TOKEN);
              assertThat(acmeBearer.statusCode()).isEqualTo(200);
              ExpositionAssertions.assertThat(acmeBearer.body())
                  .isValidExposition()
                  .hasFamily("check_runs");
              assertThat(checkIds(acmeBearer.body()))
                  .as(acmeBearer.body())
                  .containsExactly("acme-1", "acme-2");
              // Only the tenant's checks: no tenant label, none of the platform's JVM metrics.
              assertThat(acmeBearer.body())
                  .doesNotContain("tenant=")
                  .doesNotContain("jvm_")
                  .doesNotContain("process_")
                  .doesNotContain("globex");

              HttpResponse<String> acmeBasic = get(demo, "/metrics", basic("acme:" + ACME_TOKEN));
              assertThat(acmeBasic.statusCode()).isEqualTo(200);
              assertThat(checkIds(acmeBasic.body())).containsExactly("acme-1", "acme-2");

              HttpResponse<String> globexBearer =
                  get(demo, "/accounts/globex/metrics", "Bearer " + GLOBEX_TOKEN);
              assertThat(globexBearer.statusCode()).isEqualTo(200);
              assertThat(checkIds(globexBearer.body())).containsExactly("globex-1");
              HttpResponse<String> globexBasic =
                  get(demo, "/metrics", basic("globex:" + GLOBEX_TOKEN));
              assertThat(checkIds(globexBasic.body())).containsExactly("globex-1");

              HttpResponse<String> none = get(demo, "/accounts/acme/metrics");
              assertThat(none.statusCode()).isEqualTo(401);
              List<HttpResponse<String>> refused =
                  List.of(
                      get(demo, "/accounts/acme/metrics", "Bearer wrong-token"),
                      get(demo, "/accounts/acme/metrics", "Bearer " + GLOBEX_TOKEN),
                      get(demo, "/accounts/initech/metrics", "Bearer " + ACME_TOKEN),
                      get(demo, "/accounts/acme/metrics", basic("acme:" + GLOBEX_TOKEN)),
                      get(demo, "/metrics"),
                      get(demo, "/metrics", "Bearer wrong-token"),
                      get(demo, "/metrics", basic("acme:" + GLOBEX_TOKEN)),
                      get(demo, "/metrics", basic("globex:wrong-token")));
              for (HttpResponse<String> refusal : refused) {
                assertThat(refusal.statusCode()).as(refusal.uri().toString()).isEqualTo(401);
                assertThat(refusal.body()).isEqualTo(none.body());
                assertThat(withoutDate(refusal))
                    .as(refusal.uri().toString())
                    .isEqualTo(withoutDate(none));
              }
              // The health path stays open, for a load balancer without a token.
              assertThat(get(demo, "/-/healthy").statusCode()).isEqualTo(200);
            });

    assertThat(code).as("exit code; console:%n%s%s", console.out(), console.err()).isZero();
    assertThat(console.out())
        .contains("checkmetrics demo: serving each tenant its own checks at http://localhost:")
        .contains("/accounts/{tenant}/metrics (Authorization: Bearer TOKEN) and at http://")
        .contains("/metrics (basic auth TENANT:TOKEN)\n")
        .contains("  scrapes need credentials: a tenant's token (--tenants-file)\n")
        .contains("3 checks every 1s (timeout 1s) in region local:")
        .contains("    acme-1        " + unreachable + "a\n")
        .contains("    globex-1      " + unreachable + "c\n")
        .doesNotContain(ACME_TOKEN)
        .doesNotContain(GLOBEX_TOKEN);
    assertThat(console.err()).isEmpty();
  }

  @Test
  void badTokenInTheTenantsFileShouldExitTwoNamingTheLineButNotTheToken() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("tenants.txt"),
            "acme " + ACME_TOKEN + " http://127.0.0.1:1/\nglobex s3cr3t,x http://127.0.0.1:1/\n");

    int code =
        console.run(new String[] {"--port", "0", "--tenants-file", file.toString()}, demo -> {});

    assertThat(code).isEqualTo(2);
    assertThat(console.err())
        .isEqualTo(
            "error: --tenants-file: "
                + file.toAbsolutePath()
                + ":2: tenant credentials map: token of tenant \"globex\" must match"
                + " [A-Za-z0-9._~+/-]+=* and be at most 4096 characters (value not shown)\n\n"
                + DemoOptions.USAGE)
        .doesNotContain("s3cr3t")
        .doesNotContain(ACME_TOKEN);
  }

  /** The headers of a response, less the one that changes from one second to the next. */
  private static Map<String, List<String>> withoutDate(HttpResponse<String> response) {
    Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
    headers.remove("date");
    return headers;
  }

  private static Set<String> checkIds(String exposition) {
    Set<String> ids = new TreeSet<>();
    Matcher m = CHECK_STATUS_ID.matcher(exposition);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static String unreachableUrl() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    }
  }

  private static String basic(String userPassword) {
    return AuthContractSuite.basicHeader("Basic", userPassword);
  }
}

package io.github.checkmetrics.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DemoOptionsTest {

  @Test
  void noOptionsShouldGiveTheDefaults() throws Exception {
    DemoOptions options = DemoOptions.parse();

    assertThat(options.targets).isEmpty();
    assertThat(options.interval).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.timeout).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.region).isEqualTo("local");
    // Not given: the configuration and the demo's defaults decide (DemoEndpoint).
    assertThat(options.host).isNull();
    assertThat(options.port).isNull();
    assertThat(options.bearerTokenFile).isNull();
    assertThat(options.basicAuthFile).isNull();
    assertThat(options.help).isFalse();
  }

  @Test
  void everyOptionShouldBeTakenInBothForms() throws Exception {
    DemoOptions options =
        DemoOptions.parse(
            "--target",
            "http://127.0.0.1:8080/health",
            "--target=https://example.com/",
            "--interval=1m",
            "--timeout",
            "500ms",
            "--region",
            "eu-west-1",
            "--host=0.0.0.0",
            "--port",
            "0",
            "--bearer-token-file",
            "secrets/token");

    assertThat(options.targets)
        .containsExactly(
            URI.create("http://127.0.0.1:8080/health"), URI.create("https://example.com/"));
    assertThat(options.interval).isEqualTo(Duration.ofMinutes(1));
    assertThat(options.timeout).isEqualTo(Duration.ofMillis(500));
    assertThat(options.region).isEqualTo("eu-west-1");
    assertThat(options.host).isEqualTo("0.0.0.0");
    assertThat(options.port).isZero();
    assertThat(options.bearerTokenFile).isEqualTo(Path.of("secrets/token"));
    assertThat(DemoOptions.parse("--basic-auth-file=users").basicAuthFile)
        .isEqualTo(Path.of("users"));
  }

  @Test
  void tenantsFileShouldBeTakenInBothFormsAndNotReadYet() throws Exception {
    assertThat(DemoOptions.parse().tenantsFile).isNull();
    assertThat(DemoOptions.parse("--tenants-file", "tenants.txt").tenantsFile)
        .isEqualTo(Path.of("tenants.txt"));
    // Read (and refused when missing) when the demo starts, as the credential files are.
    assertThat(DemoOptions.parse("--tenants-file=missing/tenants.txt").tenantsFile)
        .isEqualTo(Path.of("missing/tenants.txt"));
  }

  @Test
  void shortIntervalShouldShortenTheDefaultTimeout() throws Exception {
    assertThat(DemoOptions.parse("--interval", "500ms").timeout).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void helpShouldBeRecognised() throws Exception {
    assertThat(DemoOptions.parse("--help").help).isTrue();
    assertThat(DemoOptions.parse("-h").help).isTrue();
  }

  static Stream<Arguments> badCommandLines() {
    return Stream.of(
        Arguments.of(new String[] {"--verbose"}, "unknown option: --verbose"),
        Arguments.of(new String[] {"http://x/"}, "unexpected argument: \"http://x/\""),
        Arguments.of(new String[] {"--port"}, "--port needs a value"),
        Arguments.of(new String[] {"--port", "http"}, "--port must be a number from 0 to 65535: \"http\""),
        Arguments.of(new String[] {"--port", "65536"}, "--port must be a number from 0 to 65535: \"65536\""),
        Arguments.of(new String[] {"--port", "-1"}, "--port must be a number from 0 to 65535: \"-1\""),
        Arguments.of(new String[] {"--port", "1", "--port", "2"}, "--port is given twice"),
        Arguments.of(
            new String[] {"--interval", "0s"},
            "--interval must be a positive duration such as 5s, 500ms or 1m: \"0s\""),
        Arguments.of(
            new String[] {"--interval", "-5s"},
            "--interval must be a positive duration such as 5s, 500ms or 1m: \"-5s\""),
        Arguments.of(
            new String[] {"--interval", "5"},
            "--interval must be a positive duration such as 5s, 500ms or 1m: \"5\""),
        Arguments.of(
            new String[] {"--timeout", "0ms"},
            "--timeout must be a positive duration such as 5s, 500ms or 1m: \"0ms\""),
        Arguments.of(
            new String[] {"--interval", "5s", "--timeout", "10s"},
            "--timeout must not be longer than --interval: timeout 10s, interval 5s"),
        Arguments.of(
            new String[] {"--target", "localhost:8080"},
            "--target must be an absolute http or https URL with a host: \"localhost:8080\""),
        Arguments.of(
            new String[] {"--target", "ftp://example.com/file"},
            "--target must be an absolute http or https URL with a host: \"ftp://example.com/file\""),
        Arguments.of(
            new String[] {"--target", "http://exa mple.com/"},
            "--target must be an absolute http or https URL with a host: \"http://exa mple.com/\""),
        Arguments.of(
            new String[] {"--target", "http://user:s3cr3t@example.com/health"},
            "--target must not contain user information (it is never sent, and the URL is shown on"
                + " the console and in the check_name label): \"http://***@example.com/health\""),
        Arguments.of(
            new String[] {"--target=https://s3cr3t@example.com"},
            "--target must not contain user information (it is never sent, and the URL is shown on"
                + " the console and in the check_name label): \"https://***@example.com\""),
        Arguments.of(
            new String[] {"--target", "http://user:s3 cr3t@example.com/"},
            "--target must be an absolute http or https URL with a host:"
                + " \"http://***@example.com/\""),
        Arguments.of(new String[] {"--region", ""}, "--region must be 1 to 128 characters long: \"\""),
        Arguments.of(new String[] {"--host="}, "--host must not be empty: \"\""),
        Arguments.of(new String[] {"--basic-auth-file"}, "--basic-auth-file needs a value"),
        Arguments.of(
            new String[] {"--bearer-token-file", ""}, "--bearer-token-file must not be empty: \"\""),
        Arguments.of(
            new String[] {"--bearer-token-file", "a", "--bearer-token-file", "b"},
            "--bearer-token-file is given twice"),
        Arguments.of(
            new String[] {"--basic-auth-file", "a", "--bearer-token-file", "b"},
            "--bearer-token-file and --basic-auth-file are both given; give one of them"),
        Arguments.of(
            new String[] {"--bearer-token-file", "a\0b"},
            "--bearer-token-file must be a file name: \"a\0b\""),
        Arguments.of(new String[] {"--tenants-file"}, "--tenants-file needs a value"),
        Arguments.of(new String[] {"--tenants-file="}, "--tenants-file must not be empty: \"\""),
        Arguments.of(
            new String[] {"--tenants-file", "a", "--tenants-file", "b"},
            "--tenants-file is given twice"),
        Arguments.of(
            new String[] {"--target", "http://x/", "--tenants-file", "t"},
            "--tenants-file and --target are both given; in tenant mode the tenants file holds"
                + " every target and every credential"),
        Arguments.of(
            new String[] {"--tenants-file", "t", "--bearer-token-file", "b"},
            "--tenants-file and --bearer-token-file are both given; in tenant mode the tenants"
                + " file holds every target and every credential"),
        Arguments.of(
            new String[] {"--basic-auth-file=u", "--tenants-file=t"},
            "--tenants-file and --basic-auth-file are both given; in tenant mode the tenants"
                + " file holds every target and every credential"));
  }

  @ParameterizedTest
  @MethodSource("badCommandLines")
  void badCommandLineShouldBeRejectedWithAClearMessage(String[] args, String message) {
    assertThatThrownBy(() -> DemoOptions.parse(args))
        .isInstanceOf(DemoOptions.UsageException.class)
        .hasMessage(message);
  }

  @Test
  void durationsShouldBeFormattedAsTheyAreWritten() {
    assertThat(DemoOptions.format(Duration.ofSeconds(5))).isEqualTo("5s");
    assertThat(DemoOptions.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(DemoOptions.format(Duration.ofMinutes(2))).isEqualTo("2m");
  }
}

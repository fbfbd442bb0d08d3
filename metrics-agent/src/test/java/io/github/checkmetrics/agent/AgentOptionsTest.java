package io.github.checkmetrics.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.exposition.ExpositionFormat;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgentOptionsTest {

  @Test
  void defaultsShouldApplyToAMinimalCommandLine() throws Exception {
    AgentOptions options = AgentOptions.parse("--config", "checks.yml");

    assertThat(options.config).isEqualTo(Path.of("checks.yml"));
    assertThat(options.host).isNull();
    assertThat(options.port).isNull();
    assertThat(options.shard).isEqualTo(Shard.ALL);
    assertThat(options.timeoutOffset).isEqualTo(Duration.ofMillis(500));
    assertThat(options.maxConcurrentProbes).isEqualTo(8);
    assertThat(options.watch).isTrue();
    assertThat(options.once).isFalse();
    assertThat(options.format).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
  }

  @Test
  void everyOptionShouldBeTaken() throws Exception {
    AgentOptions options =
        AgentOptions.parse(
            "--config=c.yml", "--host", "127.0.0.1", "--port", "0", "--shard", "1/2",
            "--timeout-offset", "250ms", "--max-concurrent-probes", "3", "--no-watch");

    assertThat(options.host).isEqualTo("127.0.0.1");
    assertThat(options.port).isZero();
    assertThat(options.shard).isEqualTo(new Shard(1, 2));
    assertThat(options.timeoutOffset).isEqualTo(Duration.ofMillis(250));
    assertThat(options.maxConcurrentProbes).isEqualTo(3);
    assertThat(options.watch).isFalse();

    AgentOptions once =
        AgentOptions.parse(
            "--config", "c.yml", "--once", "--push", "http://127.0.0.1:9091", "--push-job", "j",
            "--push-instance", "i", "--push-basic-auth-file", "auth");
    assertThat(once.push).isEqualTo(URI.create("http://127.0.0.1:9091"));
    assertThat(once.pushJob).isEqualTo("j");
    assertThat(once.pushInstance).isEqualTo("i");
    assertThat(once.pushBasicAuthFile).isEqualTo(Path.of("auth"));
    assertThat(AgentOptions.parse("--config", "c", "--once", "--format", "openmetrics").format)
        .isEqualTo(ExpositionFormat.OPENMETRICS);
    assertThat(AgentOptions.parse("--help").help).isTrue();
  }

  static Stream<Arguments> badCommandLines() {
    return Stream.of(
        Arguments.of(new String[] {}, "--config is required: the checks file to run"),
        Arguments.of(new String[] {"checks.yml"}, "unexpected argument: \"checks.yml\""),
        Arguments.of(new String[] {"--conf", "c"}, "unknown option: --conf"),
        Arguments.of(new String[] {"--config"}, "--config needs a value"),
        Arguments.of(new String[] {"--config", "a", "--config", "b"}, "--config is given twice"),
        Arguments.of(new String[] {"--config", ""}, "--config must not be empty: \"\""),
        Arguments.of(new String[] {"--config", "c", "--once=yes"},
            "--once takes no value: \"--once=yes\""),
        Arguments.of(new String[] {"--config", "c", "--port", "65536"},
            "--port must be a number from 0 to 65535: \"65536\""),
        Arguments.of(new String[] {"--config", "c", "--shard", "2/2"},
            "--shard must be I/N with 0 <= I < N, such as 0/2: \"2/2\""),
        Arguments.of(new String[] {"--config", "c", "--shard", "0/0"},
            "--shard must be I/N with 0 <= I < N, such as 0/2: \"0/0\""),
        Arguments.of(new String[] {"--config", "c", "--shard", "a/b"},
            "--shard must be I/N with 0 <= I < N, such as 0/2: \"a/b\""),
        Arguments.of(new String[] {"--config", "c", "--timeout-offset", "0.5"},
            "--timeout-offset must be a duration such as 500ms, 1s or 0s: \"0.5\""),
        Arguments.of(new String[] {"--config", "c", "--max-concurrent-probes", "0"},
            "--max-concurrent-probes must be a number from 1 to 128: \"0\""),
        Arguments.of(new String[] {"--config", "c", "--format", "openmetrics"},
            "--format needs --once"),
        Arguments.of(new String[] {"--config", "c", "--once", "--format", "json"},
            "--format must be prometheus or openmetrics: \"json\""),
        Arguments.of(new String[] {"--config", "c", "--push", "http://127.0.0.1:9091"},
            "--push needs --once"),
        Arguments.of(new String[] {"--config", "c", "--once", "--push-job", "j"},
            "--push-job needs --push"),
        Arguments.of(new String[] {"--config", "c", "--once", "--push", "ftp://h"},
            "--push must be an http or https URL with a host and no user information, query or"
                + " fragment, such as http://127.0.0.1:9091: \"ftp://h\""),
        Arguments.of(new String[] {"--config", "c", "--once", "--push", "http://u:p@h:9091"},
            "--push must be an http or https URL with a host and no user information, query or"
                + " fragment, such as http://127.0.0.1:9091: \"http://***@h:9091\""),
        Arguments.of(
            new String[] {"--config", "c", "--once", "--push", "http://h", "--format",
                "prometheus"},
            "--format is for printing; --push always sends the text format"),
        Arguments.of(
            new String[] {"--config", "c", "--once", "--push", "http://h",
                "--push-bearer-token-file", "t", "--push-basic-auth-file", "b"},
            "--push-bearer-token-file and --push-basic-auth-file are both given; give one of"
                + " them"));
  }

  @ParameterizedTest
  @MethodSource("badCommandLines")
  void badCommandLineShouldBeRefused(String[] args, String message) {
    assertThatThrownBy(() -> AgentOptions.parse(args))
        .isInstanceOf(AgentOptions.UsageException.class)
        .hasMessage(message);
  }
}

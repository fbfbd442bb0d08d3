package io.github.checkmetrics.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChecksFileReaderTest {

  /** The sample of issue 16, as written. */
  static final String ISSUE_SAMPLE =
      """
      checks:
        - id: web-ok
          name: Web OK
          type: http
          tags: [team:web]
          interval: 2s
          timeout: 1s
          http: {url: "http://127.0.0.1:8080/ok.txt"}
        - id: port-closed
          name: Closed port
          type: tcp
          interval: 2s
          timeout: 1s
          tcp: {host: 127.0.0.1, port: 9}
      modules:
        http_2xx: {type: http, timeout: 1s, http: {}}
      """;

  @Test
  void issueSampleShouldReadAsWritten() throws Exception {
    ChecksFile file = ChecksFileReader.parse("checks.yml", ISSUE_SAMPLE);

    assertThat(file.checks())
        .containsExactly(
            new CheckSpec(
                "web-ok", "Web OK", "http", List.of("team:web"), false, true,
                Duration.ofSeconds(2), Duration.ofSeconds(1), null,
                new ProbeSpec.Http("http://127.0.0.1:8080/ok.txt", null, 0, 0, null, null)),
            new CheckSpec(
                "port-closed", "Closed port", "tcp", List.of(), false, true,
                Duration.ofSeconds(2), Duration.ofSeconds(1), null,
                new ProbeSpec.Tcp("127.0.0.1", 9, null)));
    assertThat(file.modules())
        .containsOnlyKeys("http_2xx")
        .containsValue(
            new ModuleSpec(
                "http_2xx", "http", Duration.ofSeconds(1), null,
                new ProbeSpec.Http(null, null, 0, 0, null, null)));
    // Every check builds what the runner runs.
    file.checks().forEach(CheckSpec::scheduled);
  }

  @Test
  void defaultsShouldApplyWhereACheckSaysNothing() throws Exception {
    ChecksFile file =
        ChecksFileReader.parse(
            "checks.yml",
            """
            defaults: {interval: 1m30s, timeout: 5s, region: eu-west-1}
            checks:
              - id: a
                http:
                  url: https://example.test/health
                  method: HEAD
                  expected_status: 200-204
                  expected_body: UP
                  degraded_threshold: 500ms
              - id: b
                interval: 10s
                region: us-east-1
                tags: [z, a, a]
                muted: true
                activated: false
                tcp: {host: db.test, port: "5432", degraded_threshold: 1s}
            """);

    assertThat(file.checks())
        .containsExactly(
            new CheckSpec(
                "a", null, "http", List.of(), false, true, Duration.ofSeconds(90),
                Duration.ofSeconds(5), "eu-west-1",
                new ProbeSpec.Http(
                    "https://example.test/health", "HEAD", 200, 204, "UP",
                    Duration.ofMillis(500))),
            new CheckSpec(
                "b", null, "tcp", List.of("a", "z"), true, false, Duration.ofSeconds(10),
                Duration.ofSeconds(5), "us-east-1",
                new ProbeSpec.Tcp("db.test", 5432, Duration.ofSeconds(1))));
    assertThat(file.checks().get(0).check().name()).isEqualTo("a");
  }

  /** Writes an empty PKCS#12 trust store with {@code password}. */
  static Path trustStore(Path directory, String password) throws Exception {
    Path file = directory.resolve("trust.p12");
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (java.io.OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }

  @Test
  void everyHttpOptionShouldReachTheProbeSpec(@TempDir Path directory) throws Exception {
    Path token = Files.writeString(directory.resolve("token"), "t0k3n\n");
    Path password = Files.writeString(directory.resolve("password"), "changeit\n");
    Path store = trustStore(directory, "changeit");
    ChecksFile file =
        ChecksFileReader.parse(
            "checks.yml",
            "checks:\n"
                + "  - id: a\n"
                + "    http:\n"
                + "      url: https://example.test/api\n"
                + "      method: POST\n"
                + "      headers: {Accept: application/json, Content-Type: application/json}\n"
                + "      body: '{\"q\": 1}'\n"
                + "      expected_status: [200-204, 418]\n"
                + "      expected_body: UP\n"
                + "      expected_body_regex: 'UP-\\d+'\n"
                + "      follow_redirects: true\n"
                + "      tls: {server_name: api.example.test, trust_store: \"" + store
                + "\", trust_store_password_file: \"" + password + "\"}\n"
                + "      auth: {bearer_token_file: \"" + token + "\"}\n"
                + "  - id: b\n"
                + "    http:\n"
                + "      url: https://example.test/\n"
                + "      tls: {insecure_skip_verify: true}\n"
                + "      auth: {basic_user: probe, basic_password_file: \"" + password + "\"}\n");

    ProbeSpec.Http a = (ProbeSpec.Http) file.checks().get(0).probe();
    assertThat(a)
        .isEqualTo(
            new ProbeSpec.Http(
                "https://example.test/api",
                "POST",
                java.util.Map.of("Accept", "application/json", "Content-Type", "application/json"),
                "{\"q\": 1}",
                List.of(new ProbeSpec.StatusRange(200, 204), new ProbeSpec.StatusRange(418, 418)),
                "UP",
                "UP-\\d+",
                null,
                true,
                new ProbeSpec.Tls(null, "api.example.test", store, password),
                new ProbeSpec.Auth(token, null, null, null, null)));
    assertThat(a.probe().toString())
        .isEqualTo("HttpProbe{POST https://example.test/api, status 200..204, 418..418}");
    ProbeSpec.Http b = (ProbeSpec.Http) file.checks().get(1).probe();
    assertThat(b.tls()).isEqualTo(new ProbeSpec.Tls(true, null, null, null));
    assertThat(b.auth()).isEqualTo(new ProbeSpec.Auth(null, null, "probe", password, null));
    assertThat(b.probe().toString()).contains("INSECURE: certificates not verified");
    // Every check builds what the runner runs.
    file.checks().forEach(CheckSpec::scheduled);
  }

  @Test
  void aModuleShouldTakeTheHttpOptionsToo() throws Exception {
    ChecksFile file =
        ChecksFileReader.parse(
            "checks.yml",
            "modules:\n  m: {http: {headers: {X-A: b}, expected_status: [200, 301-302]}}\n");

    ProbeSpec.Http http = file.modules().get("m").http();
    assertThat(http.headers()).containsExactly(java.util.Map.entry("X-A", "b"));
    assertThat(http.probe("http://127.0.0.1:1/").toString())
        .isEqualTo("HttpProbe{GET http://127.0.0.1:1/, status 200..200, 301..302}");
  }

  @Test
  void trustStoreProblemsShouldFailWithFileLineAndColumn(@TempDir Path directory)
      throws Exception {
    Path store = trustStore(directory, "changeit");
    Path wrong = Files.writeString(directory.resolve("wrong"), "not-it\n");
    String head = "checks:\n  - id: a\n    http:\n      url: \"https://h/\"\n";

    assertThatThrownBy(
            () ->
                ChecksFileReader.parse(
                    "checks.yml",
                    head + "      tls: {insecure_skip_verify: true, trust_store: \"" + store
                        + "\"}\n"))
        .isInstanceOf(ChecksFileException.class)
        .hasMessage("checks.yml:4:7: trust store and insecureSkipVerify exclude each other");
    assertThatThrownBy(
            () ->
                ChecksFileReader.parse(
                    "checks.yml",
                    head + "      tls: {trust_store: \"" + store
                        + "\", trust_store_password_file: \"" + wrong + "\"}\n"))
        .isInstanceOf(ChecksFileException.class)
        .hasMessageStartingWith(
            "checks.yml:5:26: trust store must load: \"" + store + "\" (");
  }

  @Test
  void idsShouldBeTextWhateverYamlWouldMakeOfThem() throws Exception {
    ChecksFile file =
        ChecksFileReader.parse(
            "checks.yml", "checks:\n  - {id: 123, tcp: {host: h, port: 1}}\n");

    assertThat(file.checks().get(0).id()).isEqualTo("123");
  }

  @Test
  void emptyChecksAndModulesShouldBeAllowed() throws Exception {
    assertThat(ChecksFileReader.parse("checks.yml", "checks: []\n").checks()).isEmpty();
  }

  @Test
  void readShouldNameTheFileAsGiven(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("checks.yml");
    Files.writeString(file, "checks:\n  - id: a\n    tcp: {host: h, port: 0}\n");

    assertThatThrownBy(() -> ChecksFileReader.read(file))
        .isInstanceOf(ChecksFileException.class)
        .hasMessage(file + ":3:26: port must be a number from 1 to 65535: \"0\"");
  }

  @Test
  void readShouldRefuseAMissingOrNonUtf8File(@TempDir Path directory) throws Exception {
    Path missing = directory.resolve("missing.yml");
    assertThatThrownBy(() -> ChecksFileReader.read(missing))
        .isInstanceOf(ChecksFileException.class)
        .hasMessage(missing + ": cannot be read: java.nio.file.NoSuchFileException: " + missing);

    Path latin1 = directory.resolve("latin1.yml");
    Files.write(latin1, "checks: [] # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> ChecksFileReader.read(latin1))
        .isInstanceOf(ChecksFileException.class)
        .hasMessage(latin1 + ": must be UTF-8 text");
  }

  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of(
            "",
            "checks.yml: holds no YAML document; it needs checks or modules"),
        Arguments.of(
            "checks: [\n",
            "checks.yml:2:1: YAML syntax: expected the node content, but found '<stream end>'"),
        Arguments.of(
            "- a\n",
            "checks.yml:1:1: the checks file must be a mapping of defaults, checks, modules"),
        Arguments.of(
            "check:\n  - id: a\n",
            "checks.yml:1:1: unknown key \"check\" in the checks file; known keys: defaults,"
                + " checks, modules"),
        Arguments.of(
            "checks:\n  - id: a\n    tenant: acme\n    tcp: {host: h, port: 1}\n",
            "checks.yml:3:5: unknown key \"tenant\" in a check; known keys: id, name, type, tags,"
                + " interval, timeout, region, muted, activated, http, tcp"),
        Arguments.of(
            "checks:\n  - id: a\n    tcp: {host: h, port: 1, timeout: 1s}\n",
            "checks.yml:3:29: unknown key \"timeout\" in tcp; known keys: host, port,"
                + " degraded_threshold"),
        Arguments.of(
            "checks:\n  - id: a\n    id: b\n    tcp: {host: h, port: 1}\n",
            "checks.yml:3:5: duplicate key \"id\" in a check"),
        Arguments.of(
            "checks:\n  - id: web\n    tcp: {host: h, port: 1}\n  - id: web\n"
                + "    tcp: {host: h, port: 2}\n",
            "checks.yml:4:9: duplicate check id \"web\" (first at line 2)"),
        Arguments.of(
            "checks:\n  - name: a\n    tcp: {host: h, port: 1}\n",
            "checks.yml:2:5: a check needs an id"),
        Arguments.of(
            "checks:\n  - id: a b\n    tcp: {host: h, port: 1}\n",
            "checks.yml:2:9: check id must match [a-zA-Z0-9_.:-]{1,128}: \"a b\""),
        Arguments.of(
            "checks:\n  - id: a\n    interval: 2 s\n    tcp: {host: h, port: 1}\n",
            "checks.yml:3:15: interval must be a positive duration such as 30s, 1m30s or 500ms:"
                + " \"2 s\""),
        Arguments.of(
            "checks:\n  - id: a\n    timeout: 0s\n    tcp: {host: h, port: 1}\n",
            "checks.yml:3:14: timeout must be a positive duration such as 30s, 1m30s or 500ms:"
                + " \"0s\""),
        Arguments.of(
            "defaults: {interval: 5}\n",
            "checks.yml:1:22: interval must be a positive duration such as 30s, 1m30s or 500ms:"
                + " \"5\""),
        Arguments.of(
            "checks:\n  - id: a\n    interval: 1s\n    timeout: 2s\n    tcp: {host: h, port: 1}\n",
            "checks.yml:4:14: timeout must not be longer than the interval: timeout PT2S,"
                + " interval PT1S"),
        Arguments.of(
            "checks:\n  - id: a\n    http: {url: \"ftp://example.test/\"}\n",
            "checks.yml:3:17: url must be an absolute http or https URL with a host:"
                + " \"ftp://example.test/\""),
        Arguments.of(
            "checks:\n  - id: a\n    http: {url: \"not a url\"}\n",
            "checks.yml:3:17: url must be an absolute http or https URL with a host:"
                + " \"not a url\""),
        Arguments.of(
            "checks:\n  - id: a\n    http: {url: \"http://user:pw@example.test/\"}\n",
            "checks.yml:3:17: url must not contain user information; pass credentials through"
                + " basicAuthFromFile or basicAuthFromEnv: \"http://***@example.test/\""),
        Arguments.of(
            "checks:\n  - id: a\n    http: {}\n",
            "checks.yml:3:11: http needs a url"),
        Arguments.of(
            "checks:\n  - id: a\n",
            "checks.yml:2:5: a check needs a probe: http or tcp"),
        Arguments.of(
            "checks:\n  - id: a\n    http: {url: \"http://h/\"}\n    tcp: {host: h, port: 1}\n",
            "checks.yml:2:5: a check has one probe, http or tcp: both are given"),
        Arguments.of(
            "checks:\n  - id: a\n    http: {url: \"http://h/\", method: get}\n",
            "checks.yml:3:38: method must match [A-Z]{1,16}: \"get\""),
        Arguments.of(
            "checks:\n  - id: a\n    http: {url: \"http://h/\", expected_status: 2xx}\n",
            "checks.yml:3:47: expected_status must be a status such as 200 or a range such as"
                + " 200-299: \"2xx\""),
        Arguments.of(
            "checks:\n  - id: a\n    http: {url: \"http://h/\", expected_status: 300-200}\n",
            "checks.yml:3:47: expected status must be a range within 100..599: 300..200"),
        Arguments.of(
            "checks:\n  - id: a\n    http: {url: \"http://h/\", expected_status: []}\n",
            "checks.yml:3:47: expected_status must hold at least one status or range"),
        Arguments.of(
            "checks:\n  - id: a\n    http: {url: \"http://h/\", expected_status: [200, 600]}\n",
            "checks.yml:3:53: expected status must be a range within 100..599: 600..600"),
        Arguments.of(
            "checks:\n  - id: a\n    http: {url: \"http://h/\", headers: [Accept]}\n",
            "checks.yml:3:39: headers must be a mapping of names to text"),
        Arguments.of(
            "checks:\n  - id: a\n    http: {url: \"http://h/\", headers: {\"A b\": x}}\n",
            "checks.yml:3:40: header name must be a token (RFC 9110) of 1 to 256 characters:"
                + " \"A b\""),
        Arguments.of(
            "checks:\n  - id: a\n    http: {url: \"http://h/\", headers: {Content-Length: 1}}\n",
            "checks.yml:3:40: header must not be one the client writes itself:"
                + " \"Content-Length\""),
        Arguments.of(
            "checks:\n  - id: a\n    http: {url: \"http://h/\", headers: {Authorization: x}}\n",
            "checks.yml:3:40: header must not be Authorization; use basicAuthFromFile,"
                + " basicAuthFromEnv, bearerTokenFromFile or bearerTokenFromEnv, which keep it"
                + " secret: \"Authorization\""),
        Arguments.of(
            "checks:\n  - id: a\n    http: {url: \"http://h/\", headers: {X-A: \"a\\u0001\"}}\n",
            "checks.yml:3:40: header value must not hold control characters: header \"X-A\""),
        Arguments.of(
            "checks:\n  - id: a\n    http: {url: \"http://h/\", headers: {Content-Type: json}}\n",
            "checks.yml:3:40: header Content-Type must be a media type: \"json\""),
        Arguments.of(
            "checks:\n  - id: a\n    http: {url: \"http://h/\", headers: {X-A: \"\"}}\n",
            "checks.yml:3:45: headers.X-A must not be empty: \"\""),
        Arguments.of(
            "checks:\n  - id: a\n    http: {url: \"http://h/\", body: [a]}\n",
            "checks.yml:3:36: body must be text"),
        Arguments.of(
            "checks:\n  - id: a\n    http: {url: \"http://h/\", expected_body_regex: \"(\"}\n",
            "checks.yml:3:51: body matches must be a valid regular expression: \"(\""
                + " (Unclosed group at index 1)"),
        Arguments.of(
            "checks:\n  - id: a\n    http: {url: \"http://h/\", follow_redirects: yes}\n",
            "checks.yml:3:48: follow_redirects must be true or false: \"yes\""),
        Arguments.of(
            "checks:\n  - id: a\n    http:\n      url: \"http://h/\"\n      auth: {password: x}\n",
            "checks.yml:5:14: unknown key \"password\" in auth; known keys: bearer_token_file,"
                + " bearer_token_env, basic_user, basic_password_file, basic_password_env"),
        Arguments.of(
            "checks:\n  - id: a\n    http:\n      url: \"http://h/\"\n"
                + "      auth: {bearer_token_env: \"A-B\"}\n",
            "checks.yml:5:32: environment variable name must match [A-Za-z_][A-Za-z0-9_]*:"
                + " \"A-B\""),
        Arguments.of(
            "checks:\n  - id: a\n    http:\n      url: \"http://h/\"\n"
                + "      auth: {bearer_token_file: /nonexistent/token}\n",
            "checks.yml:5:33: bearer token file must exist: \"/nonexistent/token\""),
        Arguments.of(
            "checks:\n  - id: a\n    http:\n      url: \"http://h/\"\n"
                + "      auth: {bearer_token_env: CHECKMETRICS_TEST_UNSET_VARIABLE}\n",
            "checks.yml:5:32: bearer token environment variable must be set:"
                + " \"CHECKMETRICS_TEST_UNSET_VARIABLE\""),
        Arguments.of(
            "checks:\n  - id: a\n    http:\n      url: \"http://h/\"\n"
                + "      auth: {basic_user: a, basic_password_env: CHECKMETRICS_TEST_UNSET_VARIABLE}\n",
            "checks.yml:5:49: password environment variable must be set:"
                + " \"CHECKMETRICS_TEST_UNSET_VARIABLE\""),
        Arguments.of(
            "checks:\n  - id: a\n    http:\n      url: \"http://h/\"\n"
                + "      auth: {basic_user: \"a:b\", basic_password_file: /nonexistent/pw}\n",
            "checks.yml:5:26: username must be 1 or more characters without ':' or control"
                + " characters: \"a:b\""),
        Arguments.of(
            "checks:\n  - id: a\n    http:\n      url: \"http://h/\"\n"
                + "      auth: {basic_user: a, basic_password_file: /nonexistent/pw}\n",
            "checks.yml:5:50: password file must exist: \"/nonexistent/pw\""),
        Arguments.of(
            "checks:\n  - id: a\n    http:\n      url: \"http://h/\"\n      auth: {}\n",
            "checks.yml:5:13: auth needs either bearer_token_file or bearer_token_env, or"
                + " basic_user"),
        Arguments.of(
            "checks:\n  - id: a\n    http:\n      url: \"http://h/\"\n"
                + "      auth: {bearer_token_file: /t, bearer_token_env: T}\n",
            "checks.yml:5:13: auth needs one of bearer_token_file and bearer_token_env, not both"),
        Arguments.of(
            "checks:\n  - id: a\n    http:\n      url: \"http://h/\"\n"
                + "      auth: {bearer_token_env: T, basic_password_env: P}\n",
            "checks.yml:5:13: auth takes a bearer token or basic_user with a password, not both"),
        Arguments.of(
            "checks:\n  - id: a\n    http:\n      url: \"http://h/\"\n"
                + "      auth: {basic_user: a}\n",
            "checks.yml:5:13: auth with basic_user needs one of basic_password_file and"
                + " basic_password_env"),
        Arguments.of(
            "checks:\n  - id: a\n    http:\n      url: \"http://h/\"\n"
                + "      auth: {basic_user: a, basic_password_file: /p, basic_password_env: P}\n",
            "checks.yml:5:13: auth with basic_user needs one of basic_password_file and"
                + " basic_password_env"),
        Arguments.of(
            "checks:\n  - id: a\n    http:\n      url: \"http://h/\"\n      tls: {ca_file: ca.pem}\n",
            "checks.yml:5:13: unknown key \"ca_file\" in tls; known keys: insecure_skip_verify,"
                + " server_name, trust_store, trust_store_password_file"),
        Arguments.of(
            "checks:\n  - id: a\n    http:\n      url: \"http://h/\"\n"
                + "      tls: {insecure_skip_verify: 1}\n",
            "checks.yml:5:35: tls.insecure_skip_verify must be true or false: \"1\""),
        Arguments.of(
            "checks:\n  - id: a\n    http:\n      url: \"http://h/\"\n"
                + "      tls: {server_name: \"a b\"}\n",
            "checks.yml:5:26: server name must be a DNS host name: \"a b\""),
        Arguments.of(
            "checks:\n  - id: a\n    http:\n      url: \"http://h/\"\n"
                + "      tls: {trust_store: /nonexistent/trust.p12}\n",
            "checks.yml:5:26: trust store file must exist: \"/nonexistent/trust.p12\""),
        Arguments.of(
            "checks:\n  - id: a\n    http:\n      url: \"http://h/\"\n"
                + "      tls: {trust_store_password_file: /nonexistent/pw}\n",
            "checks.yml:5:40: tls.trust_store_password_file needs tls.trust_store"),
        Arguments.of(
            "checks:\n  - id: a\n    http:\n      url: \"http://h/\"\n"
                + "      tls: {trust_store: /nonexistent/trust.p12,"
                + " trust_store_password_file: /nonexistent/pw}\n",
            "checks.yml:5:77: tls.trust_store_password_file file does not exist: /nonexistent/pw"),
        Arguments.of(
            "checks:\n  - id: a\n    tags: [\"a,b\"]\n    tcp: {host: h, port: 1}\n",
            "checks.yml:3:11: tag must not contain ',': \"a,b\""),
        Arguments.of(
            "checks:\n  - id: a\n    type: \"a b\"\n    tcp: {host: h, port: 1}\n",
            "checks.yml:3:11: check type must match [a-zA-Z0-9_.:-]{1,64}: \"a b\""),
        Arguments.of(
            "checks:\n  - id: a\n    name: \"\"\n    tcp: {host: h, port: 1}\n",
            "checks.yml:3:11: name must not be empty: \"\""),
        Arguments.of(
            "checks:\n  - id: a\n    name:\n    tcp: {host: h, port: 1}\n",
            "checks.yml:3:10: name must be text"),
        Arguments.of(
            "checks:\n  - id: a\n    muted: 1\n    tcp: {host: h, port: 1}\n",
            "checks.yml:3:12: muted must be true or false: \"1\""),
        Arguments.of(
            "checks:\n  - id: a\n    tcp: {host: h, port: 70000}\n",
            "checks.yml:3:26: port must be a number from 1 to 65535: \"70000\""),
        Arguments.of(
            "checks:\n  - id: a\n    tcp: {host: h}\n",
            "checks.yml:3:10: tcp needs a host and a port"),
        Arguments.of(
            "modules:\n  m: {http: {url: \"http://h/\"}}\n",
            "checks.yml:2:19: a module has no url: /probe takes it from its target"),
        Arguments.of(
            "modules:\n  m: {tcp: {}}\n",
            "checks.yml:2:12: a module's tcp probe is not supported yet: /probe takes http and"
                + " https targets"),
        Arguments.of(
            "modules:\n  \"a b\": {http: {}}\n",
            "checks.yml:2:3: a module name is the check_id of its results: check id must match"
                + " [a-zA-Z0-9_.:-]{1,128}: \"a b\""),
        Arguments.of(
            "modules:\n  m: {http: {}}\n  m: {http: {}}\n",
            "checks.yml:3:3: duplicate module \"m\""),
        Arguments.of(
            "defaults: {region: \"\"}\n",
            "checks.yml:1:20: region must not be empty: \"\""),
        Arguments.of(
            "checks: {id: a}\n",
            "checks.yml:1:9: checks must be a list"));
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void badFileShouldFailWithFileLineAndColumn(String yaml, String message) {
    assertThatThrownBy(() -> ChecksFileReader.parse("checks.yml", yaml))
        .isInstanceOf(ChecksFileException.class)
        .hasMessage(message);
  }
}

package io.github.checkmetrics.exposition;

import static io.github.checkmetrics.exposition.AuthenticationTest.stderrOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TenantResolverTest {

  private static final Duration SETTLE_TIME = Duration.ofSeconds(Secret.DEFAULT_SETTLE_SECONDS);
  private static final String ACME_HASH = sha256Hex("acme-token");

  @TempDir Path directory;

  private final ManualTicker ticker = new ManualTicker();

  @Test
  void fileShouldResolveHashedAndPlainTokensToTheirTenant() throws IOException {
    Path file =
        write(
            "tenants",
            "# tenant credentials\n"
                + "\n"
                + "acme   sha256:" + ACME_HASH + " # acme-token, rotated 2026-12\n"
                + "globex\tplain:globex-1 sha256:" + sha256Hex("globex-2").toUpperCase() + "\n");
    TenantResolver resolver = TenantResolver.file(file);

    assertThat(resolver.resolveBearer("acme-token")).contains("acme");
    assertThat(resolver.resolveBearer("globex-1")).contains("globex");
    assertThat(resolver.resolveBearer("globex-2")).contains("globex");
    assertThat(resolver.resolveBearer("acme-token ")).isEmpty();
    assertThat(resolver.resolveBearer("sha256:" + ACME_HASH)).as("a hash is no token").isEmpty();
    assertThat(resolver.resolveBearer("nope")).isEmpty();
    assertThat(resolver.resolveBasic("acme", "acme-token")).contains("acme");
    assertThat(resolver.resolveBasic("globex", "acme-token")).as("another tenant's").isEmpty();
    assertThat(resolver.resolveBasic("acme", "wrong")).isEmpty();
    assertThat(resolver.toString())
        .isEqualTo("TenantResolver[file " + file.toAbsolutePath() + "]");
  }

  @Test
  void tokensShouldResolveEachTenantsToken() {
    TenantResolver resolver = TenantResolver.tokens(Map.of("acme", "acme-token", "globex", "g"));

    assertThat(resolver.resolveBearer("acme-token")).contains("acme");
    assertThat(resolver.resolveBearer("g")).contains("globex");
    assertThat(resolver.resolveBearer("acme")).isEmpty();
    assertThat(resolver.resolveBasic("globex", "g")).contains("globex");
    assertThat(resolver.resolveBasic("acme", "g")).isEmpty();
    assertThat(resolver.toString())
        .isEqualTo("TenantResolver[map of 2 tenants]")
        .doesNotContain("acme-token");
  }

  @Test
  void defaultBasicShouldAskForTheTenantOfThePasswordAndCompareTheUserName() {
    TenantResolver store = token -> token.equals("t-1") ? Optional.of("one") : Optional.empty();

    assertThat(store.resolveBasic("one", "t-1")).contains("one");
    assertThat(store.resolveBasic("two", "t-1")).isEmpty();
    assertThat(store.resolveBasic("one", "t-2")).isEmpty();
  }

  static Stream<Arguments> badFiles() {
    String at = "tenant credentials file %s:";
    return Stream.of(
        Arguments.of(
            "acme plain:a\nacme plain:b\n",
            at + "2: tenant \"acme\" is already on line 1"),
        Arguments.of(
            "acme plain:shared\n\n# b\nglobex plain:shared\n",
            at + "4: a credential of tenant \"globex\" is already one of tenant \"acme\" on line 1"
                + " (value not shown)"),
        Arguments.of(
            "acme plain:acme-token\nglobex sha256:" + ACME_HASH + "\n",
            at + "2: a credential of tenant \"globex\" is already one of tenant \"acme\" on line 1"
                + " (value not shown)"),
        Arguments.of(
            "acme plain:a plain:a\n",
            at + "1: a credential of tenant \"acme\" is already one of tenant \"acme\" on line 1"
                + " (value not shown)"),
        Arguments.of(
            "acme\n",
            at + "1: line must be TENANT CREDENTIAL [CREDENTIAL ...], each credential"
                + " sha256:<64 hex digits> or plain:<token> (value not shown)"),
        Arguments.of(
            "acme secret-token\n",
            at + "1: credential must start with sha256: or plain: (value not shown)"),
        Arguments.of(
            "acme sha256:" + ACME_HASH.substring(1) + "\n",
            at + "1: sha256: must be followed by 64 hex digits (value not shown)"),
        Arguments.of(
            "acme sha256:" + ACME_HASH.substring(1) + "g\n",
            at + "1: sha256: must be followed by 64 hex digits (value not shown)"),
        Arguments.of(
            "acme plain:bad,token\n",
            at + "1: plain: token must match [A-Za-z0-9._~+/-]+=* and be at most 4096 characters"
                + " (value not shown)"),
        Arguments.of(
            "acme plain:\n",
            at + "1: plain: token must match [A-Za-z0-9._~+/-]+=* and be at most 4096 characters"
                + " (value not shown)"),
        Arguments.of(
            "acme plain:" + "a".repeat(4097) + "\n",
            at + "1: plain: token must match [A-Za-z0-9._~+/-]+=* and be at most 4096 characters"
                + " (value not shown)"),
        Arguments.of(
            "ok plain:a\n.. plain:b\n",
            at + "2: tenant id must match [a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,127}: \"..\""),
        Arguments.of(
            "a/b plain:b\n",
            at + "1: tenant id must match [a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,127}: \"a/b\""),
        Arguments.of(
            "# only a comment\n", "tenant credentials must name at least one tenant: file %s"),
        Arguments.of("\n \n", "tenant credentials must not be empty: file %s"));
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void badFileShouldBeRefusedNamingTheLineNeverTheCredential(String content, String message)
      throws IOException {
    Path file = write("bad", content);

    assertThatThrownBy(() -> TenantResolver.file(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message.replace("%s", file.toAbsolutePath().toString()))
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("acme-token", "shared", ACME_HASH.substring(1, 20), "bad,token"));
  }

  @Test
  void missingFileShouldBeRefusedNamingIt() {
    Path file = directory.resolve("absent");

    assertThatThrownBy(() -> TenantResolver.file(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tenant credentials file does not exist: " + file.toAbsolutePath());
  }

  static Stream<Arguments> badMaps() {
    Map<String, String> shared = new LinkedHashMap<>();
    shared.put("globex", "same-token");
    shared.put("acme", "same-token");
    return Stream.of(
        Arguments.of(
            shared,
            "tenant credentials map: a credential of tenant \"globex\" is already one of tenant"
                + " \"acme\" (value not shown)"),
        Arguments.of(
            Map.of("", "t"),
            "tenant credentials map: tenant id must match [a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,127}:"
                + " \"\""),
        Arguments.of(
            Map.of("x".repeat(129), "t"),
            "tenant credentials map: tenant id must match [a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,127}: \""
                + "x".repeat(64) + "...\""),
        Arguments.of(
            Map.of("acme", "two words"),
            "tenant credentials map: token of tenant \"acme\" must match [A-Za-z0-9._~+/-]+=* and"
                + " be at most 4096 characters (value not shown)"),
        Arguments.of(
            Map.of("acme", ""),
            "tenant credentials map: token of tenant \"acme\" must match [A-Za-z0-9._~+/-]+=* and"
                + " be at most 4096 characters (value not shown)"));
  }

  @ParameterizedTest
  @MethodSource("badMaps")
  void badMapShouldBeRefused(Map<String, String> tokens, String message) {
    assertThatThrownBy(() -> TenantResolver.tokens(tokens))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void nullsShouldBeRefusedNamingTheParameter() {
    Map<String, String> nullToken = new LinkedHashMap<>();
    nullToken.put("acme", null);

    assertThatThrownBy(() -> TenantResolver.tokens(null)).hasMessage("tokenByTenant");
    assertThatThrownBy(() -> TenantResolver.tokens(nullToken))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("token of tenant \"acme\"");
    assertThatThrownBy(() -> TenantResolver.file(null)).hasMessage("path");
    assertThatThrownBy(() -> TenantResolver.file(directory, null)).hasMessage("settleTime");
  }

  @Test
  void rewriteInPlaceShouldKeepTheTenantsUntilTheFileHoldsNewOnes() throws IOException {
    Path file = write("rewritten", "acme plain:acme-token\n");
    TenantResolver resolver = resolver(file);

    try (OutputStream out = Files.newOutputStream(file)) { // truncates, as echo > file does
      assertThat(resolver.resolveBearer("acme-token")).contains("acme");
      ticker.advance(SETTLE_TIME.dividedBy(2));
      out.write("acme plain:acme-token\nglob".getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThat(resolver.resolveBearer("acme-token")).as("half-written").contains("acme");
      out.write("ex plain:globex-token\n".getBytes(StandardCharsets.UTF_8));
    }
    ticker.advance(Duration.ofNanos(CredentialSource.RECHECK_NANOS));
    assertThat(resolver.resolveBearer("acme-token")).contains("acme");
    assertThat(resolver.resolveBearer("globex-token")).contains("globex");
  }

  @Test
  void fileThatStaysMissingPastTheSettleTimeShouldResolveNoTenantAndLogNoCredential()
      throws IOException {
    Path file = write("deleted", "acme plain:acme-token\n");
    TenantResolver resolver = resolver(file);

    String log =
        stderrOf(
            () -> {
              delete(file);
              assertThat(resolver.resolveBearer("acme-token")).contains("acme");
              ticker.advance(SETTLE_TIME);
              assertThat(resolver.resolveBearer("acme-token")).isEmpty();
              writeUnchecked(file, "acme plain:acme-token plain:x\nglobex plain:x\n");
              assertThat(resolver.resolveBearer("acme-token")).as("unparsable").isEmpty();
              writeUnchecked(file, "globex sha256:" + sha256Hex("globex-token") + "\n");
              assertThat(resolver.resolveBearer("globex-token")).contains("globex");
              assertThat(resolver.resolveBearer("acme-token")).isEmpty();
              return null;
            });

    String prefix = "io.github.checkmetrics.exposition.TenantResolver - tenant credentials ";
    String path = file.toAbsolutePath().toString();
    assertThat(log)
        .doesNotContain("acme-token", "globex-token", sha256Hex("globex-token"))
        .containsSubsequence(
            "INFO " + prefix + "file does not exist: " + path
                + "; keeping the tenant credentials read before for up to 2000 ms while it is"
                + " rewritten\n",
            "WARN " + prefix + "file does not exist: " + path
                + "; accepting no tenant credentials until it holds one\n",
            "WARN " + prefix + "file " + path + ":2: a credential of tenant \"globex\" is already"
                + " one of tenant \"acme\" on line 1 (value not shown); accepting no tenant"
                + " credentials until it holds a valid one\n",
            "INFO " + prefix.replace("tenant credentials ", "") + "Re-read tenant credentials file "
                + path + ": 1 credential(s)\n");
  }

  private TenantResolver resolver(Path file) {
    return TenantCredentials.file(
        Secret.file(file, SETTLE_TIME, ticker, TenantCredentials.MAX_FILE_BYTES));
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(directory.resolve(name), content);
  }

  private static void writeUnchecked(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256Hex(String token) {
    return HexFormat.of()
        .formatHex(CredentialSource.sha256(token.getBytes(StandardCharsets.UTF_8)));
  }
}

package io.github.checkmetrics.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.model.Check;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The demo's tenants file: its lines, their checks, and every bad line with its exact message. */
class DemoTenantsTest {

  /** Every token the bad files hold: no message may show one. */
  private static final List<String> TOKENS =
      List.of("acme-s3cr3t", "globex-s3cr3t", "shared-s3cr3t");

  @TempDir Path dir;

  @Test
  void linesShouldBecomeTenantsWithNumberedChecksSkippingBlankLinesAndComments()
      throws Exception {
    DemoTenants tenants =
        DemoTenants.parse(
            "tenants.txt",
            List.of(
                "# tenant token URLs",
                "",
                "acme acme-s3cr3t http://127.0.0.1:1/a https://acme.example/b",
                "   # an indented comment",
                "\tglobex\tglobex-s3cr3t   http://127.0.0.1:2/  #a comment after the fields",
                "   "));

    assertThat(tenants.tenants())
        .extracting(DemoTenants.Tenant::id, DemoTenants.Tenant::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("acme", 3),
            org.assertj.core.groups.Tuple.tuple("globex", 5));
    DemoTenants.Tenant acme = tenants.tenants().get(0);
    assertThat(acme.urls())
        .containsExactly(URI.create("http://127.0.0.1:1/a"), URI.create("https://acme.example/b"));
    assertThat(acme.checks()).extracting(Check::id).containsExactly("acme-1", "acme-2");
    assertThat(acme.checks())
        .extracting(Check::name)
        .containsExactly("http://127.0.0.1:1/a", "https://acme.example/b");
    assertThat(acme.checks()).extracting(Check::type).containsOnly("http");
    assertThat(acme.checks()).extracting(Check::tenant).containsOnly("acme");
    assertThat(tenants.tenants().get(1).checks()).extracting(Check::id).containsExactly("globex-1");
    assertThat(tenants.tenants().get(1).urls()).containsExactly(URI.create("http://127.0.0.1:2/"));
    assertThat(tenants.tokens())
        .containsExactly(Map.entry("acme", "acme-s3cr3t"), Map.entry("globex", "globex-s3cr3t"));
    assertThat(tenants.checkCount()).isEqualTo(3);
  }

  @Test
  void toStringShouldNameTenantsButNoToken() throws Exception {
    DemoTenants tenants =
        DemoTenants.parse("t", List.of("acme acme-s3cr3t http://127.0.0.1:1/a http://127.0.0.1:1/b"));

    assertThat(tenants)
        .hasToString("DemoTenants[Tenant[acme, line 1, 2 checks]]")
        .asString()
        .doesNotContain("acme-s3cr3t");
  }

  @Test
  void longestTenantIdThatLeavesRoomForTheCheckNumbersShouldBeTaken() throws Exception {
    String id = "t".repeat(126);

    DemoTenants tenants = DemoTenants.parse("t", List.of(id + " tok http://127.0.0.1:1/"));

    assertThat(tenants.tenants().get(0).checks()).extracting(Check::id).containsExactly(id + "-1");
  }

  static Stream<Arguments> badFiles() {
    String url = "http://127.0.0.1:1/health";
    return Stream.of(
        Arguments.of(
            List.of("acme acme-s3cr3t"),
            "tenants.txt:1: a line must be TENANT TOKEN URL [URL ...]: 2 fields"),
        Arguments.of(
            List.of("acme acme-s3cr3t # " + url),
            "tenants.txt:1: a line must be TENANT TOKEN URL [URL ...]: 2 fields"),
        Arguments.of(
            List.of("# only acme", "", "acme"),
            "tenants.txt:3: a line must be TENANT TOKEN URL [URL ...]: 1 field"),
        Arguments.of(
            List.of("acme acme-s3cr3t " + url, "globex\tglobex-s3cr3t"),
            "tenants.txt:2: a line must be TENANT TOKEN URL [URL ...]: 2 fields"),
        Arguments.of(
            List.of("acme/eu acme-s3cr3t " + url),
            "tenants.txt:1: tenant id must match [a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,127}: \"acme/eu\""),
        Arguments.of(
            List.of(".. acme-s3cr3t " + url),
            "tenants.txt:1: tenant id must match [a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,127}: \"..\""),
        Arguments.of(
            List.of("%2F acme-s3cr3t " + url),
            "tenants.txt:1: tenant id must match [a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,127}: \"%2F\""),
        Arguments.of(
            List.of("t".repeat(129) + " acme-s3cr3t " + url),
            "tenants.txt:1: tenant id must match [a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,127}: \""
                + "t".repeat(64)
                + "...\""),
        Arguments.of(
            List.of("t".repeat(127) + " acme-s3cr3t " + url),
            "tenants.txt:1: check id must match [a-zA-Z0-9_.:-]{1,128}: \""
                + "t".repeat(64)
                + "...\""),
        Arguments.of(
            List.of("acme acme-s3cr3t " + url + " ftp://acme.example/file"),
            "tenants.txt:1: URL must be an absolute http or https URL with a host:"
                + " \"ftp://acme.example/file\""),
        Arguments.of(
            List.of("acme acme-s3cr3t localhost:8080"),
            "tenants.txt:1: URL must be an absolute http or https URL with a host:"
                + " \"localhost:8080\""),
        Arguments.of(
            List.of("acme acme-s3cr3t http://user:shared-s3cr3t@127.0.0.1:1/"),
            "tenants.txt:1: URL must not contain user information (it is never sent, and the URL"
                + " is shown on the console and in the check_name label):"
                + " \"http://***@127.0.0.1:1/\""),
        Arguments.of(
            List.of("acme acme-s3cr3t:x " + url),
            "tenants.txt:1: tenant credentials map: token of tenant \"acme\" must match"
                + " [A-Za-z0-9._~+/-]+=* and be at most 4096 characters (value not shown)"),
        Arguments.of(
            List.of("acme acme-s3cr3t " + url, "", "acme globex-s3cr3t " + url),
            "tenants.txt:3: tenant \"acme\" is given twice (first on line 1)"),
        Arguments.of(
            List.of("acme shared-s3cr3t " + url, "globex shared-s3cr3t " + url),
            "tenants.txt:2: tenant \"globex\" has the token of tenant \"acme\" (line 1); every"
                + " tenant needs its own token"),
        Arguments.of(
            List.of(),
            "tenants file has no tenant (every line is blank or a # comment; a line is TENANT"
                + " TOKEN URL [URL ...]): tenants.txt"),
        Arguments.of(
            List.of("# acme acme-s3cr3t " + url, "  ", ""),
            "tenants file has no tenant (every line is blank or a # comment; a line is TENANT"
                + " TOKEN URL [URL ...]): tenants.txt"));
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void badFileShouldBeRefusedNamingTheLineButNoToken(List<String> lines, String message) {
    assertThatThrownBy(() -> DemoTenants.parse("tenants.txt", lines))
        .isInstanceOf(DemoOptions.UsageException.class)
        .hasMessage(message)
        .satisfies(e -> TOKENS.forEach(token -> assertThat(e.getMessage()).doesNotContain(token)));
  }

  @Test
  void fileShouldBeReadAsUtf8AndNamedByItsAbsolutePath() throws Exception {
    Path file =
        Files.writeString(dir.resolve("tenants.txt"), "acme acme-s3cr3t http://127.0.0.1:1/\n");

    assertThat(DemoTenants.read(file).tenants()).extracting(DemoTenants.Tenant::id)
        .containsExactly("acme");
  }

  @Test
  void missingFileShouldBeRefusedNamingIt() {
    Path missing = dir.resolve("missing.txt");

    assertThatThrownBy(() -> DemoTenants.read(missing))
        .isInstanceOf(DemoOptions.UsageException.class)
        .hasMessage("tenants file does not exist: " + missing.toAbsolutePath());
  }

  @Test
  void fileThatIsNotUtf8ShouldBeRefusedNamingIt() throws IOException {
    Path latin1 = Files.write(dir.resolve("latin1.txt"), "caf\u00e9 t http://x/\n"
        .getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> DemoTenants.read(latin1))
        .isInstanceOf(DemoOptions.UsageException.class)
        .hasMessage("tenants file must be UTF-8 text: " + latin1.toAbsolutePath());
  }

  @Test
  void directoryShouldBeRefusedNamingIt() {
    assertThatThrownBy(() -> DemoTenants.read(dir))
        .isInstanceOf(DemoOptions.UsageException.class)
        .hasMessage("tenants file cannot be read: " + dir.toAbsolutePath() + " (IOException)");
  }
}

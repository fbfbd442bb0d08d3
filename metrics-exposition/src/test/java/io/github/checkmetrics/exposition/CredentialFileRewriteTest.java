package io.github.checkmetrics.exposition;

import static io.github.checkmetrics.exposition.AuthenticationTest.basic;
import static io.github.checkmetrics.exposition.AuthenticationTest.check;
import static io.github.checkmetrics.exposition.AuthenticationTest.stderrOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a credential file that changes under a running endpoint is followed: rewritten in place
 * (truncate, then write), written aside and renamed, or swapped by Kubernetes' {@code ..data}
 * symlink. A credential in the file before and after a rewrite is never refused; a file that stays
 * missing or empty past the settle time fails closed. Time is a {@link ManualTicker}.
 */
class CredentialFileRewriteTest {

  private static final Duration SETTLE_TIME = Duration.ofSeconds(Secret.DEFAULT_SETTLE_SECONDS);
  private static final Duration RECHECK = Duration.ofNanos(CredentialSource.RECHECK_NANOS);

  @TempDir Path directory;

  private final ManualTicker ticker = new ManualTicker();

  @Test
  void truncateThenWriteShouldNeverRefuseATokenInTheFileBeforeAndAfter() throws IOException {
    Path file = Files.writeString(directory.resolve("tokens"), "token-a\n");
    Authentication authentication = bearer(file);

    for (int rewrite = 0; rewrite < 200; rewrite++) {
      try (OutputStream out = Files.newOutputStream(file)) { // truncates, as echo > file does
        assertThat(Files.size(file)).isZero();
        assertThat(check(authentication, "Bearer token-a")).as("rewrite %d, empty", rewrite).isNull();
        ticker.advance(SETTLE_TIME.dividedBy(2));
        assertThat(check(authentication, "Bearer token-a")).as("rewrite %d, empty", rewrite).isNull();
        out.write(("token-a\ntoken-" + rewrite + "\n").getBytes(StandardCharsets.UTF_8));
      }
      assertThat(check(authentication, "Bearer token-a")).as("rewrite %d", rewrite).isNull();
      assertThat(check(authentication, "Bearer token-" + rewrite)).isNull();
      ticker.advance(SETTLE_TIME);
    }
    assertThat(check(authentication, "Bearer token-198").status()).isEqualTo(401);
  }

  @Test
  void halfWrittenFileShouldKeepTheLastCredentialsEvenPastTheSettleTime() throws IOException {
    Path file = Files.writeString(directory.resolve("basic"), "prometheus:old pw\n");
    Authentication authentication =
        Authentication.basic(Secret.file(file, SETTLE_TIME, ticker));

    try (OutputStream out = Files.newOutputStream(file)) {
      assertThat(check(authentication, basic("prometheus:old pw"))).isNull();
      out.write("prometheus:old pw\nprometh".getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThat(check(authentication, basic("prometheus:old pw"))).isNull();
      ticker.advance(SETTLE_TIME.multipliedBy(3));
      assertThat(check(authentication, basic("prometheus:old pw"))).isNull();
      out.write("eus:new pw\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(check(authentication, basic("prometheus:old pw"))).isNull();
    assertThat(check(authentication, basic("prometheus:new pw"))).isNull();
    assertThat(check(authentication, basic("prometheus:other")).status()).isEqualTo(401);
  }

  @Test
  void fileThatStaysEmptyPastTheSettleTimeShouldFailClosedAndStayRevoked() throws IOException {
    Path file = Files.writeString(directory.resolve("emptied"), "token-a\n");
    Authentication authentication = bearer(file);

    String log =
        stderrOf(
            () -> {
              write(file, "");
              assertThat(check(authentication, "Bearer token-a")).isNull();
              ticker.advance(SETTLE_TIME.minusNanos(1));
              assertThat(check(authentication, "Bearer token-a")).isNull();
              ticker.advance(Duration.ofNanos(1));
              assertThat(check(authentication, "Bearer token-a").status()).isEqualTo(401);
              write(file, "token a, half-written\n");
              assertThat(check(authentication, "Bearer token-a").status()).isEqualTo(401);
              write(file, "token-b\n");
              assertThat(check(authentication, "Bearer token-b")).isNull();
              assertThat(check(authentication, "Bearer token-a").status()).isEqualTo(401);
              return null;
            });

    String prefix = "io.github.checkmetrics.exposition.Authentication - bearer token ";
    assertThat(log)
        .doesNotContain("token-a")
        .containsSubsequence(
            "INFO " + prefix + "must not be empty: file " + file
                + "; keeping the bearer token read before for up to 2000 ms while it is"
                + " rewritten\n",
            "WARN " + prefix + "must not be empty: file " + file
                + "; accepting no bearer token until it holds one\n",
            "WARN " + prefix + "must match [A-Za-z0-9._~+/-]+=* and be at most 4096 characters:"
                + " file " + file + " (value not shown); accepting no bearer token until it holds"
                + " a valid one\n",
            "INFO io.github.checkmetrics.exposition.Authentication - Re-read bearer token file "
                + file + ": 1 credential(s)\n");
    assertThat(log.split("while it is rewritten", -1)).as("logged once").hasSize(2);
  }

  @Test
  void deletedFileRestoredWithinTheSettleTimeShouldRefuseNothing() throws IOException {
    Path file = Files.writeString(directory.resolve("restored"), "token-a\n");
    Authentication authentication = bearer(file);

    Files.delete(file);
    assertThat(check(authentication, "Bearer token-a")).isNull();
    ticker.advance(SETTLE_TIME.minusNanos(1));
    assertThat(check(authentication, "Bearer token-a")).isNull();
    write(file, "token-a\n");
    ticker.advance(SETTLE_TIME);
    assertThat(check(authentication, "Bearer token-a")).isNull();
  }

  @Test
  void zeroSettleTimeShouldFailClosedAtOnce() throws IOException {
    Path file = Files.writeString(directory.resolve("strict"), "token-a\n");
    Authentication authentication =
        Authentication.bearerToken(Secret.file(file, Duration.ZERO, ticker));

    write(file, "\n");
    assertThat(check(authentication, "Bearer token-a").status()).isEqualTo(401);
  }

  @Test
  void writeThenRenameShouldSwitchToTheNewCredentialsAtOnce() throws IOException {
    Path file = Files.writeString(directory.resolve("renamed"), "token-a\n");
    Authentication authentication = bearer(file);

    Path next = Files.writeString(directory.resolve(".renamed.tmp"), "token-a\ntoken-b\n");
    Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    assertThat(check(authentication, "Bearer token-a")).isNull();
    assertThat(check(authentication, "Bearer token-b")).isNull();

    next = Files.writeString(directory.resolve(".renamed.tmp"), "token-b\n");
    Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    assertThat(check(authentication, "Bearer token-a").status()).isEqualTo(401);
    assertThat(check(authentication, "Bearer token-b")).isNull();
  }

  @Test
  void kubernetesSymlinkSwapShouldNeverRefuseATokenInBothVersions() throws IOException {
    // The layout of a mounted Secret: token -> ..data/token, ..data -> ..<timestamp>/
    Path mount = Files.createDirectories(directory.resolve("secret-volume"));
    Path first = secretVersion(mount, "..2026_12_05_12_00_00.1", "token-a");
    Files.createSymbolicLink(mount.resolve("..data"), first.getFileName());
    Files.createSymbolicLink(mount.resolve("token"), Path.of("..data", "token"));
    Authentication authentication = bearer(mount.resolve("token"));
    assertThat(check(authentication, "Bearer token-a")).isNull();

    Path second = secretVersion(mount, "..2026_12_05_12_01_00.2", "token-a\ntoken-b");
    swapData(mount, second);
    deleteVersion(first);
    assertThat(check(authentication, "Bearer token-a")).isNull();
    assertThat(check(authentication, "Bearer token-b")).isNull();

    Path third = secretVersion(mount, "..2026_12_05_12_02_00.3", "token-b");
    swapData(mount, third);
    deleteVersion(second);
    assertThat(check(authentication, "Bearer token-a").status()).isEqualTo(401);
    assertThat(check(authentication, "Bearer token-b")).isNull();
  }

  @Test
  void kubernetesVersionDeletedBeforeTheSwapShouldRefuseNothing() throws IOException {
    Path mount = Files.createDirectories(directory.resolve("secret-volume"));
    Path first = secretVersion(mount, "..2026_12_05_12_00_00.1", "token-a");
    Files.createSymbolicLink(mount.resolve("..data"), first.getFileName());
    Files.createSymbolicLink(mount.resolve("token"), Path.of("..data", "token"));
    Authentication authentication = bearer(mount.resolve("token"));

    deleteVersion(first); // a dangling ..data for a moment: token does not resolve
    assertThat(check(authentication, "Bearer token-a")).isNull();
    ticker.advance(SETTLE_TIME.dividedBy(2));
    swapData(mount, secretVersion(mount, "..2026_12_05_12_01_00.2", "token-a"));
    assertThat(check(authentication, "Bearer token-a")).isNull();
    ticker.advance(SETTLE_TIME);
    assertThat(check(authentication, "Bearer token-a")).isNull();
  }

  @Test
  void fileRewrittenWithinOneClockTickShouldBeReadAgainWhileItHoldsNoValidCredential()
      throws IOException {
    Path file = Files.writeString(directory.resolve("coarse-clock"), "token-a\n");
    Authentication authentication = bearer(file);
    write(file, "token b\n");
    // Another modification time than the first content's, so that this change is seen.
    FileTime tick = FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 10_000);
    Files.setLastModifiedTime(file, tick);
    assertThat(check(authentication, "Bearer token-a")).isNull();

    // Same size, same inode and, as on a coarse file-system clock, the same modification time.
    write(file, "token-b\n");
    Files.setLastModifiedTime(file, tick);
    assertThat(check(authentication, "Bearer token-b").status()).isEqualTo(401);
    ticker.advance(RECHECK);
    assertThat(check(authentication, "Bearer token-b")).isNull();
    assertThat(check(authentication, "Bearer token-a").status()).isEqualTo(401);
  }

  private Authentication bearer(Path file) {
    return Authentication.bearerToken(Secret.file(file, SETTLE_TIME, ticker));
  }

  private static Path secretVersion(Path mount, String name, String content) throws IOException {
    Path version = Files.createDirectories(mount.resolve(name));
    Files.writeString(version.resolve("token"), content);
    return version;
  }

  /** Re-points {@code ..data} atomically, as the kubelet does: a new link renamed over it. */
  private static void swapData(Path mount, Path version) throws IOException {
    Path link = Files.createSymbolicLink(mount.resolve("..data_tmp"), version.getFileName());
    Files.move(link, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
  }

  private static void deleteVersion(Path version) throws IOException {
    Files.delete(version.resolve("token"));
    Files.delete(version);
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

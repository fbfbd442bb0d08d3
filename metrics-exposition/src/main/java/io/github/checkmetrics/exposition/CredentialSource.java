package io.github.checkmetrics.exposition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The accepted credentials of one {@link Secret}, parsed into {@code T} (SHA-256 digests only, never
 * a credential: {@link Authentication}'s list of digests, {@link TenantResolver#file}'s table of
 * tenants), and the one owner of how a file that changes is followed. A file is re-read
 * when its size, modification time or identity (inode, so an atomic rename or a Kubernetes
 * symlink swap counts) changes: one {@code stat} per request, no read while it stays the same.
 *
 * <p>Rewriting a file in place (truncate, then write) shows readers an empty, then a half-written
 * file for a moment. So the last good set of credentials stays in force while the file is missing,
 * empty or unparsable, and the file is read again at least every {@link #RECHECK_NANOS} while it
 * is (its version may look unchanged: a coarse file-system clock gives two writes within one tick
 * the same modification time). When the file stays missing, unreadable or empty past the secret's
 * settle time, no credential is accepted any more (every request gets 401) until it holds one
 * again: deleting or emptying the file revokes, after the settle time. A file that stays
 * unparsable keeps the last good set, unless it was missing or empty past the settle time before
 * (a revocation stays one). Each step is logged once, never with a credential.
 */
final class CredentialSource<T extends CredentialSource.Credentials> {

  /** How often a file holding no valid credential is read again whatever its version says. */
  static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** What a secret's content parses into: digests of credentials, never a credential. */
  interface Credentials {
    /** How many credentials are accepted, for the log; 0 accepts none. */
    int count();
  }

  /** Turns what the secret holds into the credentials to accept. */
  interface Parser<T> {
    /**
     * Parses the content of a secret.
     *
     * @throws IllegalArgumentException naming {@code option} and {@code source}, never the content
     */
    T parse(String content, String option, String source);
  }

  /** The SHA-256 digests of the credentials a client sends, as bytes. */
  record Digests(List<byte[]> digests) implements Credentials {
    static final Digests NONE = new Digests(List.of());

    /** The digests of {@code credentials}. */
    static Digests of(List<byte[]> credentials) {
      List<byte[]> digests = new ArrayList<>(credentials.size());
      for (byte[] credential : credentials) {
        digests.add(sha256(credential));
      }
      return new Digests(List.copyOf(digests));
    }

    @Override
    public int count() {
      return digests.size();
    }
  }

  /**
   * Why the file holds no valid credential now: none at all ({@code noCredential}: missing,
   * unreadable, empty) or an unparsable content, since when, and whether the settle time ran out.
   */
  private record Trouble(boolean noCredential, long since, String message, boolean failedClosed) {}

  /**
   * What was read last: the file's version and when, the credentials in force, and the trouble of
   * the file, null while it holds valid credentials.
   */
  private record State<T>(Object version, long readAt, T accepted, Trouble trouble) {}

  private final Secret secret;
  private final String option;
  private final Logger log;
  private final T none;
  private final Parser<T> parser;
  private volatile State<T> state;

  private CredentialSource(Secret secret, String option, Logger log, T none, Parser<T> parser) {
    this.secret = secret;
    this.option = option;
    this.log = log;
    this.none = none;
    this.parser = parser;
  }

  /**
   * Reads and parses {@code secret} now.
   *
   * @param option what the credentials are for, in messages: {@code "bearer token"}
   * @param log where the steps of a file's changes are logged, the owner's logger
   * @param none what is accepted once the file failed closed: no credential
   * @throws IllegalArgumentException when it cannot be read or holds no valid credential
   */
  static <T extends Credentials> CredentialSource<T> read(
      Secret secret, String option, Logger log, T none, Parser<T> parser) {
    CredentialSource<T> source = new CredentialSource<>(secret, option, log, none, parser);
    Path path = secret.path();
    Object version = path == null ? null : version(path);
    long now = path == null ? 0 : secret.ticker().getAsLong();
    source.state = new State<>(version, now, parser.parse(secret.read(option), option,
        secret.source()), null);
    return source;
  }

  Secret secret() {
    return secret;
  }

  /** The credentials accepted now: one {@code stat} of a file, a read only when it changed. */
  T current() {
    State<T> current = state;
    Path path = secret.path();
    if (path == null) {
      return current.accepted;
    }
    Object version = version(path);
    if (current.trouble == null && version.equals(current.version)) {
      return current.accepted;
    }
    synchronized (this) {
      long now = secret.ticker().getAsLong();
      State<T> next = state;
      if (!version.equals(next.version)
          || (next.trouble != null && now - next.readAt >= RECHECK_NANOS)) {
        // The version is taken before reading: a change during the read shows up next time.
        next = reread(next, version, now);
      }
      next = settle(next, now);
      state = next;
      return next.accepted;
    }
  }

  /** Reads the file again and decides what is accepted from now on. */
  private State<T> reread(State<T> before, Object version, long now) {
    boolean newVersion = !version.equals(before.version);
    Trouble trouble = before.trouble;
    try {
      T accepted = parser.parse(secret.readFile(option), option, secret.source());
      log.info("Re-read {} {}: {} credential(s)", option, secret.source(), accepted.count());
      return new State<>(version, now, accepted, null);
    } catch (Secret.NoCredentialException e) {
      if (trouble != null && trouble.noCredential) {
        return new State<>(
            version,
            now,
            before.accepted,
            new Trouble(true, trouble.since, e.getMessage(), trouble.failedClosed));
      }
      if (before.accepted.count() > 0 && !secret.settleTime().isZero()) {
        log.info(
            "{}; keeping the {} read before for up to {} ms while it is rewritten",
            e.getMessage(),
            option,
            secret.settleTime().toMillis());
      }
      return new State<>(
          version, now, before.accepted, new Trouble(true, now, e.getMessage(), false));
    } catch (IllegalArgumentException e) {
      // A file that stayed without credentials past the settle time was revoked: an unparsable
      // content written next does not bring the old credentials back.
      T accepted =
          trouble != null && trouble.noCredential && pastSettleTime(trouble, now)
              ? none
              : before.accepted;
      boolean sameTrouble = trouble != null && !trouble.noCredential;
      if (!sameTrouble || newVersion) {
        log.warn(
            accepted.count() == 0
                ? "{}; accepting no {} until it holds a valid one"
                : "{}; keeping the {} read before",
            e.getMessage(),
            option);
      }
      long since = sameTrouble ? trouble.since : now;
      return new State<>(version, now, accepted, new Trouble(false, since, e.getMessage(), false));
    }
  }

  /** Fails closed once a file has held no credential for longer than the settle time. */
  private State<T> settle(State<T> current, long now) {
    Trouble trouble = current.trouble;
    if (trouble == null
        || !trouble.noCredential
        || trouble.failedClosed
        || !pastSettleTime(trouble, now)) {
      return current;
    }
    log.warn("{}; accepting no {} until it holds one", trouble.message, option);
    return new State<>(
        current.version,
        current.readAt,
        none,
        new Trouble(true, trouble.since, trouble.message, true));
  }

  private boolean pastSettleTime(Trouble trouble, long now) {
    return trouble.failedClosed || now - trouble.since >= secret.settleTime().toNanos();
  }

  /** What identifies one version of a file's content, or why it cannot be read. */
  private static Object version(Path path) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      return new FileVersion(
          attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
    } catch (IOException e) {
      return e.getClass().getName();
    }
  }

  /** {@code key} is the inode where the file system has one, else null. */
  private record FileVersion(long size, FileTime modified, Object key) {}

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must support SHA-256", e);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accepted credentials of one {@link Secret}, kept as SHA-256 digests only. A file is re-read
 * when its size, modification time or identity (inode, so an atomic rename or a Kubernetes
 * symlink swap counts) changes: one {@code stat} per request, no read while it stays the same.
 * When a changed file is gone, not a readable regular file, or empty once trimmed, no credential
 * is accepted (every request gets 401) until it holds one again: deleting or emptying the file
 * revokes. When a changed file has content that is not valid (a half-written file: writing a
 * file is not atomic), the credentials read before stay in force, so that it does not lock
 * Prometheus out. Either way a warning is logged once for that version of the file.
 */
final class CredentialSource {

  private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);

  /** Turns what the secret holds into the credentials to accept, in the bytes a client sends. */
  interface Parser {
    /**
     * Parses the content of a secret.
     *
     * @throws IllegalArgumentException naming {@code option} and {@code source}, never the content
     */
    List<byte[]> parse(String content, String option, String source);
  }

  private record State(Object version, List<byte[]> digests) {}

  private final Secret secret;
  private final String option;
  private final Parser parser;
  private volatile State state;

  private CredentialSource(Secret secret, String option, Parser parser) {
    this.secret = secret;
    this.option = option;
    this.parser = parser;
  }

  /**
   * Reads and parses {@code secret} now.
   *
   * @throws IllegalArgumentException when it cannot be read or holds no valid credential
   */
  static CredentialSource read(Secret secret, String option, Parser parser) {
    CredentialSource source = new CredentialSource(secret, option, parser);
    Object version = secret.path() == null ? null : version(secret.path());
    source.state = new State(version, source.load());
    return source;
  }

  Secret secret() {
    return secret;
  }

  /** The digests of the credentials accepted now. */
  List<byte[]> digests() {
    State current = state;
    Path path = secret.path();
    if (path == null) {
      return current.digests;
    }
    Object version = version(path);
    if (version.equals(current.version)) {
      return current.digests;
    }
    synchronized (this) {
      current = state;
      if (!version.equals(current.version)) {
        // The version is taken before reading: a change during the read shows up next time.
        try {
          List<byte[]> digests = digestsOf(secret.readFile(option));
          state = new State(version, digests);
          LOG.info("Re-read {} {}: {} credential(s)", option, secret.source(), digests.size());
        } catch (Secret.NoCredentialException e) {
          // Taken away or emptied: a revocation, which the old credentials must not outlive.
          state = new State(version, List.of());
          LOG.warn("{}; accepting no {} until it holds one", e.getMessage(), option);
        } catch (IllegalArgumentException e) {
          state = new State(version, current.digests);
          LOG.warn(
              current.digests.isEmpty()
                  ? "{}; accepting no {} until it holds a valid one"
                  : "{}; keeping the {} read before",
              e.getMessage(),
              option);
        }
      }
      return state.digests;
    }
  }

  private List<byte[]> load() {
    return digestsOf(secret.read(option));
  }

  private List<byte[]> digestsOf(String content) {
    List<byte[]> credentials = parser.parse(content, option, secret.source());
    List<byte[]> digests = new ArrayList<>(credentials.size());
    for (byte[] credential : credentials) {
      digests.add(sha256(credential));
    }
    return List.copyOf(digests);
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

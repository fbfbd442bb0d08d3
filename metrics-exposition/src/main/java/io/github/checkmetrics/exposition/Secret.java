package io.github.checkmetrics.exposition;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Where a credential comes from: a value, an environment variable or a file. It is a reference,
 * not the credential: nothing is read until an option that takes it (such as {@link
 * Authentication#bearerToken(Secret...)}) reads it, and {@link #toString()} never shows a value.
 *
 * <pre>{@code
 * Secret token = Secret.file(Path.of("/run/secrets/metrics-token"));
 * Secret password = Secret.environmentVariable("METRICS_PASSWORD");
 * Secret inline = Secret.value("s3cr3t-for-tests-only");
 * }</pre>
 *
 * <p>A file is read as UTF-8 and trimmed of surrounding whitespace (as Prometheus reads its
 * {@code credentials_file} and {@code password_file}); values and environment variables are taken
 * as they are. Options that read a file re-read it when its size, modification time or identity
 * changes, so a credential can be rotated without a restart, and revoked by deleting or emptying
 * the file. A file rewritten in place is empty or half-written for a moment: such options keep
 * the credentials read before while the file holds none or an unparsable content, and fail closed
 * only when it stays missing or empty for longer than its {@linkplain #file(Path, Duration) settle
 * time} (default {@value #DEFAULT_SETTLE_SECONDS} s); see {@link Authentication}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Secret {

  /** Larger files are refused: a credential file is a few hundred bytes at most. */
  static final int MAX_FILE_BYTES = 65_536;

  /** The settle time of {@link #file(Path)}, in seconds. */
  public static final int DEFAULT_SETTLE_SECONDS = 2;

  /** The longest settle time: a deleted file must revoke within a scrape interval or two. */
  static final Duration MAX_SETTLE_TIME = Duration.ofSeconds(60);

  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private enum Kind {
    VALUE,
    ENVIRONMENT,
    FILE
  }

  private final Kind kind;
  private final String value;
  private final String variable;
  private final Function<String, String> environment;
  private final Path path;
  private final Duration settleTime;
  private final LongSupplier ticker;
  private final int maxFileBytes;

  private Secret(
      Kind kind,
      String value,
      String variable,
      Function<String, String> environment,
      Path path,
      Duration settleTime,
      LongSupplier ticker,
      int maxFileBytes) {
    this.kind = kind;
    this.value = value;
    this.variable = variable;
    this.environment = environment;
    this.path = path;
    this.settleTime = settleTime;
    this.ticker = ticker;
    this.maxFileBytes = maxFileBytes;
  }

  /**
   * A credential given as a value, for tests and for values the application fetched itself.
   *
   * @param value the credential
   * @return a secret holding {@code value}
   * @throws NullPointerException when {@code value} is null
   */
  public static Secret value(String value) {
    Objects.requireNonNull(value, "value");
    return new Secret(Kind.VALUE, value, null, null, null, null, null, 0);
  }

  /**
   * A credential in an environment variable of this process, looked up when an option reads it.
   *
   * @param name the variable name, such as {@code "METRICS_TOKEN"}
   * @return a secret naming that variable
   * @throws NullPointerException when {@code name} is null
   * @throws IllegalArgumentException when {@code name} does not match {@code [A-Za-z_][A-Za-z0-9_]*}
   */
  public static Secret environmentVariable(String name) {
    return environmentVariable(name, System::getenv);
  }

  /**
   * A credential in an environment variable, looked up through {@code environment}: a test passes
   * {@code Map.of("METRICS_TOKEN", "t")::get} instead of changing the real environment.
   *
   * @param name the variable name, such as {@code "METRICS_TOKEN"}
   * @param environment returns the value of a variable, or null when it is not set
   * @return a secret naming that variable
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when {@code name} does not match {@code [A-Za-z_][A-Za-z0-9_]*}
   */
  public static Secret environmentVariable(String name, Function<String, String> environment) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(environment, "environment");
    if (!VARIABLE.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "environment variable name must match " + VARIABLE + ": \"" + name + "\"");
    }
    return new Secret(Kind.ENVIRONMENT, null, name, environment, null, null, null, 0);
  }

  /**
   * A credential in a file, such as a mounted Kubernetes secret; options re-read it when it
   * changes, with a settle time of {@value #DEFAULT_SETTLE_SECONDS} s (see {@link #file(Path,
   * Duration)}).
   *
   * @param path the file, UTF-8, at most 65536 bytes
   * @return a secret naming that file
   * @throws NullPointerException when {@code path} is null
   */
  public static Secret file(Path path) {
    return file(path, Duration.ofSeconds(DEFAULT_SETTLE_SECONDS));
  }

  /**
   * A credential in a file, with the time an option that follows the file's changes (such as
   * {@link Authentication#bearerToken(Secret...)}) gives a rewrite to complete. While the file is
   * missing, empty or unparsable, such an option keeps the credentials it read before; only when
   * the file stays missing, unreadable or empty for longer than {@code settleTime} does it accept
   * none of them (fail closed: a deletion revokes). An editor or {@code echo > file} truncates the
   * file before writing it, so a scrape may see it empty for a moment; the settle time is what
   * keeps that moment from locking Prometheus out. Options that read the file once (a keystore
   * password) ignore it.
   *
   * @param path the file, UTF-8, at most 65536 bytes
   * @param settleTime from 0 (an empty or missing file revokes at once) to 60 seconds; default
   *     {@value #DEFAULT_SETTLE_SECONDS} seconds
   * @return a secret naming that file
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when {@code settleTime} is negative or longer than 60 seconds
   */
  public static Secret file(Path path, Duration settleTime) {
    return file(path, settleTime, System::nanoTime);
  }

  /** As {@link #file(Path, Duration)}, timing the settle time with {@code ticker}, for tests. */
  static Secret file(Path path, Duration settleTime, LongSupplier ticker) {
    return file(path, settleTime, ticker, MAX_FILE_BYTES);
  }

  /**
   * As {@link #file(Path, Duration)} for a file of up to {@code maxFileBytes}: a file of many
   * credentials, such as {@link TenantResolver#file(Path)}'s.
   */
  static Secret file(Path path, Duration settleTime, LongSupplier ticker, int maxFileBytes) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(settleTime, "settleTime");
    Objects.requireNonNull(ticker, "ticker");
    if (settleTime.isNegative() || settleTime.compareTo(MAX_SETTLE_TIME) > 0) {
      throw new IllegalArgumentException(
          "credential file settle time must be between 0 and "
              + MAX_SETTLE_TIME.toSeconds()
              + " seconds: "
              + settleTime);
    }
    return new Secret(
        Kind.FILE,
        null,
        null,
        null,
        path.toAbsolutePath().normalize(),
        settleTime,
        ticker,
        maxFileBytes);
  }

  /**
   * Reads the credential now. Exception messages name {@code option} and where the credential
   * comes from, never the credential itself.
   *
   * @param option what the credential is for, such as {@code "https keystore password"}
   * @return the credential: a file's content trimmed of surrounding whitespace, or the value or
   *     variable as it is; never empty
   * @throws NullPointerException when {@code option} is null
   * @throws IllegalArgumentException when the variable is not set, the file does not exist, is
   *     not a readable regular file, is larger than 65536 bytes or not UTF-8, or the credential is
   *     empty
   */
  public String read(String option) {
    Objects.requireNonNull(option, "option");
    String content;
    switch (kind) {
      case VALUE:
        content = value;
        break;
      case ENVIRONMENT:
        content = environment.apply(variable);
        if (content == null) {
          throw new IllegalArgumentException(
              option + " environment variable is not set: " + variable);
        }
        break;
      default:
        try {
          return readFile(option);
        } catch (NoCredentialException e) {
          throw new IllegalArgumentException(e.getMessage(), e.getCause());
        }
    }
    if (content.isEmpty()) {
      throw new IllegalArgumentException(option + " must not be empty: " + source());
    }
    return content;
  }

  /**
   * Reads a file secret, telling a file that holds no credential at all from one whose content is
   * not valid, for an option that follows the file's changes.
   *
   * @return the content trimmed of surrounding whitespace, never empty
   * @throws NoCredentialException when the file does not exist, is not a readable regular file, or
   *     is empty once trimmed
   * @throws IllegalArgumentException when the file is larger than 65536 bytes or not UTF-8
   */
  String readFile(String option) throws NoCredentialException {
    String content = readFileContent(option).strip();
    if (content.isEmpty()) {
      throw new NoCredentialException(option + " must not be empty: " + source(), null);
    }
    return content;
  }

  /** A file that holds no credential at all; the message names the file, never a credential. */
  static final class NoCredentialException extends Exception {
    private static final long serialVersionUID = 1L;

    NoCredentialException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The file, or null when this secret is not a file. */
  Path path() {
    return path;
  }

  /** How long a file may hold no credential before an option that follows it fails closed. */
  Duration settleTime() {
    return settleTime;
  }

  /** The clock of the settle time, in nanoseconds; null when this secret is not a file. */
  LongSupplier ticker() {
    return ticker;
  }

  /** Where the credential comes from, for messages: never the value. */
  String source() {
    switch (kind) {
      case VALUE:
        return "value";
      case ENVIRONMENT:
        return "environment variable " + variable;
      default:
        return "file " + path;
    }
  }

  /** Equal for the same value, variable name or file: adding it twice is a mistake. */
  boolean sameSource(Secret other) {
    return kind == other.kind
        && Objects.equals(value, other.value)
        && Objects.equals(variable, other.variable)
        && Objects.equals(path, other.path);
  }

  private String readFileContent(String option) throws NoCredentialException {
    if (!Files.exists(path)) {
      throw new NoCredentialException(option + " file does not exist: " + path, null);
    }
    // Checked before opening: opening a FIFO would block until something writes to it.
    if (!Files.isRegularFile(path)) {
      throw new NoCredentialException(option + " file is not a regular file: " + path, null);
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(maxFileBytes + 1);
    } catch (NoSuchFileException e) {
      throw new NoCredentialException(option + " file does not exist: " + path, e);
    } catch (IOException e) {
      // The exception class says why (AccessDeniedException, ...); its message is only the path.
      throw new NoCredentialException(
          option + " file is not readable: " + path + " (" + e.getClass().getSimpleName() + ")", e);
    }
    if (bytes.length > maxFileBytes) {
      throw new IllegalArgumentException(
          option + " file must be at most " + maxFileBytes + " bytes: " + path);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(option + " file must be UTF-8: " + path);
    }
  }

  /**
   * Names where the credential comes from, never the credential.
   *
   * @return for example {@code Secret[file /run/secrets/metrics-token]} or {@code Secret[value]}
   */
  @Override
  public String toString() {
    return "Secret[" + source() + "]";
  }
}

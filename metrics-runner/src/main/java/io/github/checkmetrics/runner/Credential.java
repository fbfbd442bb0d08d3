package io.github.checkmetrics.runner;

import io.github.checkmetrics.model.internal.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

/**
 * The value of an {@code Authorization} header, read once from a file or an environment variable
 * and never shown: {@link #toString()} says where it came from, never what it is.
 */
final class Credential {

  private final String headerValue;
  private final String source;

  private Credential(String headerValue, String source) {
    this.headerValue = headerValue;
    this.source = source;
  }

  static Credential bearer(Secret token) {
    return new Credential("Bearer " + token.value, "bearer token from " + token.source);
  }

  static Credential basic(String username, Secret password) {
    String pair = username + ":" + password.value;
    return new Credential(
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)),
        "basic auth of " + Messages.quote(username) + " with a password from " + password.source);
  }

  String headerValue() {
    return headerValue;
  }

  @Override
  public String toString() {
    return source;
  }

  /** A secret read from its source, trailing line breaks cut (as a file written by echo has). */
  static final class Secret {
    final String value;
    final String source;

    private Secret(String value, String source) {
      this.value = value;
      this.source = source;
    }

    static Secret fromFile(String what, Path file) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException(what + " file must exist: " + Messages.quote(file.toString()));
      } catch (IOException e) {
        throw new IllegalArgumentException(
            what + " file must be readable: " + Messages.quote(file.toString()) + " (" + e + ")");
      }
      return checked(what, strip(text), "file " + Messages.quote(file.toString()));
    }

    static Secret fromEnv(String what, String variable, Function<String, String> env) {
      String text = env.apply(variable);
      if (text == null) {
        throw new IllegalArgumentException(
            what + " environment variable must be set: " + Messages.quote(variable));
      }
      return checked(what, strip(text), "environment variable " + Messages.quote(variable));
    }

    /** The process environment, as {@link #fromEnv} reads it. */
    static Function<String, String> processEnv() {
      Map<String, String> env = System.getenv();
      return env::get;
    }

    private static Secret checked(String what, String value, String source) {
      if (value.isEmpty()) {
        throw new IllegalArgumentException(what + " must not be empty: " + source);
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c < 0x20 || c == 0x7f) {
          // A control character would break the header; the message never shows the secret.
          throw new IllegalArgumentException(
              what + " must not hold control characters: " + source);
        }
      }
      return new Secret(value, source);
    }

    private static String strip(String text) {
      int end = text.length();
      while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
        end--;
      }
      return text.substring(0, end);
    }

    @Override
    public String toString() {
      return source;
    }
  }
}

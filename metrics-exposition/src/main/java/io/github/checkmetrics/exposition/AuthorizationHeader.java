package io.github.checkmetrics.exposition;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one reading of a request's {@code Authorization} header, for {@link Authentication} and the
 * tenant gate: exactly one header, a scheme matched case-insensitively (<a
 * href="https://www.rfc-editor.org/rfc/rfc9110#section-11.1">RFC 9110 section 11.1</a>), one space,
 * then a bearer token ({@code b64token}, <a
 * href="https://www.rfc-editor.org/rfc/rfc6750#section-2.1">RFC 6750</a>) or the base64 of {@code
 * user:password} (<a href="https://www.rfc-editor.org/rfc/rfc7617">RFC 7617</a>). Nothing here
 * logs or keeps a credential: a refusal's reason is for a debug log and never holds one.
 */
final class AuthorizationHeader {

  /** Longer {@code Authorization} headers get 431; Jetty's whole default header limit is 8 KiB. */
  static final int MAX_HEADER_LENGTH = 8192;

  static final int MAX_TOKEN_LENGTH = 4096;

  /** RFC 6750's {@code b64token}: what a bearer token may be. */
  static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

  static final String BEARER = "Bearer";
  static final String BASIC = "Basic";

  /**
   * What a request presented: the scheme and the credential's bytes (a bearer token's ASCII, the
   * decoded {@code user:password} of basic auth), or why nothing usable was presented.
   */
  record Presented(String scheme, byte[] credential, String refusal) {

    boolean isRefused() {
      return refusal != null;
    }

    /** The bearer token as sent; only for {@link #BEARER}. */
    String token() {
      return new String(credential, StandardCharsets.US_ASCII);
    }
  }

  private AuthorizationHeader() {}

  /** Whether one of the values is longer than {@link #MAX_HEADER_LENGTH}: answered 431. */
  static boolean tooLong(List<String> values) {
    for (String value : values) {
      if (value.length() > MAX_HEADER_LENGTH) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads the {@code Authorization} values of a request.
   *
   * @param values the request's {@code Authorization} header values
   * @param schemes the schemes accepted, {@link #BEARER} and/or {@link #BASIC}
   * @return the credential presented, or a refusal naming why (never a credential)
   */
  static Presented read(List<String> values, String... schemes) {
    if (values.isEmpty()) {
      return refused("no Authorization header");
    }
    if (values.size() > 1) {
      return refused("several Authorization headers");
    }
    String value = stripWhitespace(values.get(0));
    int space = value.indexOf(' ');
    for (String scheme : schemes) {
      if (space == scheme.length() && value.regionMatches(true, 0, scheme, 0, space)) {
        byte[] credential = decode(scheme, value.substring(space + 1));
        return credential == null
            ? refused("malformed " + scheme + " credentials")
            : new Presented(scheme, credential, null);
      }
    }
    return refused("not " + String.join(" or ", schemes) + " followed by one space");
  }

  private static Presented refused(String why) {
    return new Presented(null, null, why);
  }

  private static byte[] decode(String scheme, String credentials) {
    if (scheme.equals(BEARER)) {
      return isToken(credentials) ? credentials.getBytes(StandardCharsets.US_ASCII) : null;
    }
    try {
      return Base64.getDecoder().decode(credentials);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  /** Whether {@code token} may be a bearer token: {@code b64token}, at most 4096 characters. */
  static boolean isToken(String token) {
    return token.length() <= MAX_TOKEN_LENGTH && TOKEN.matcher(token).matches();
  }

  /** The rule of {@link #isToken(String)}, for messages. */
  static String tokenRule() {
    return "must match " + TOKEN + " and be at most " + MAX_TOKEN_LENGTH + " characters";
  }

  /** Optional whitespace around a field value is not part of it (RFC 9110 section 5.5). */
  private static String stripWhitespace(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isWhitespace(value.charAt(start))) {
      start++;
    }
    while (end > start && isWhitespace(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(start, end);
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t';
  }
}

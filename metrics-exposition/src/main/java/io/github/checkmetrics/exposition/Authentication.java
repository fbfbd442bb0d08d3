package io.github.checkmetrics.exposition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credentials a scrape must present: bearer tokens (<a
 * href="https://www.rfc-editor.org/rfc/rfc6750#section-2.1">RFC 6750</a>, as Checkly's endpoint
 * asks for) or HTTP basic auth (<a href="https://www.rfc-editor.org/rfc/rfc7617">RFC 7617</a>, as
 * Appclacks' does). Give it to {@link ScrapeHandler.Builder#authentication(Authentication)} or to
 * an adapter's builder; every adapter then answers the same way.
 *
 * <pre>{@code
 * Authentication tokens = Authentication.bearerToken(
 *     Secret.file(Path.of("/run/secrets/metrics-tokens")),
 *     Secret.environmentVariable("METRICS_TOKEN"));
 * Authentication basic = Authentication.basic("prometheus", Secret.environmentVariable("METRICS_PASSWORD"));
 * ScrapeHandler handler = ScrapeHandler.builder().registry(registry).authentication(tokens).build();
 * }</pre>
 *
 * <p>A request passes when it has exactly one {@code Authorization} header whose scheme matches
 * case-insensitively (<a href="https://www.rfc-editor.org/rfc/rfc9110#section-11.1">RFC 9110
 * section 11.1</a>, formerly RFC 7235), followed by one space and credentials equal to an accepted
 * one. Anything else, missing, malformed, of the other scheme or wrong, gets the same 401 with
 * {@code WWW-Authenticate: Bearer realm="metrics"} or {@code Basic realm="metrics",
 * charset="UTF-8"} and a body that says nothing more; an {@code Authorization} header longer than
 * 8192 characters gets 431. Credentials are compared as SHA-256 digests with {@link
 * MessageDigest#isEqual(byte[], byte[])} against every accepted credential, so the time taken
 * reveals neither a matching prefix nor which credential matched. They are never logged, never
 * echoed and never in an exception message.
 *
 * <p>Several credentials may be accepted at once (a file holds one per line), so a token or
 * password can be rotated without downtime: add the new one, move Prometheus to it, remove the old
 * one. A file is re-read when it changes (see {@link Secret}). A rewrite in place never locks out
 * a credential that is in the file before and after it: while the file is missing, empty or holds
 * content that is not valid (truncated, half-written), the last credentials read from it stay in
 * force. Only a file that stays missing, not a readable regular file, or empty for longer than its
 * {@linkplain Secret#file(java.nio.file.Path, java.time.Duration) settle time} (default 2 s) is a
 * revocation: from then on no credential of it is accepted until it holds one again, and content
 * that is not valid written after that brings none back. A file that stays unparsable keeps the
 * last credentials. Every step is logged once, never with a credential.
 *
 * <p>Immutable configuration, thread-safe; one instance may serve several handlers.
 */
public final class Authentication {

  private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);

  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
  private static final String BEARER = AuthorizationHeader.BEARER;
  private static final String BASIC = AuthorizationHeader.BASIC;

  private final String scheme;
  private final String challenge;
  private final List<CredentialSource<CredentialSource.Digests>> sources;

  private Authentication(String scheme, String challenge, List<CredentialSource<CredentialSource.Digests>> sources) {
    this.scheme = scheme;
    this.challenge = challenge;
    this.sources = List.copyOf(sources);
  }

  /**
   * Accepts {@code Authorization: Bearer <token>} for any of the tokens the secrets hold, one per
   * line. Reads every secret now.
   *
   * @param tokens one or more secrets, each holding one or more tokens of at most 4096 characters
   *     matching {@code [A-Za-z0-9._~+/-]+=*} (RFC 6750 {@code b64token})
   * @return the authentication
   * @throws NullPointerException when {@code tokens} or one of them is null
   * @throws IllegalArgumentException when no secret is given, or a secret cannot be read (see
   *     {@link Secret#read(String)}) or holds an empty or malformed token
   * @throws IllegalStateException when a secret is given twice
   */
  public static Authentication bearerToken(Secret... tokens) {
    Objects.requireNonNull(tokens, "tokens");
    if (tokens.length == 0) {
      throw new IllegalArgumentException("bearer token needs at least one secret: 0 given");
    }
    List<CredentialSource<CredentialSource.Digests>> sources = new ArrayList<>();
    for (Secret token : tokens) {
      Objects.requireNonNull(token, "token");
      requireNew(sources, token, "bearer token");
      sources.add(
          CredentialSource.read(
              token,
              "bearer token",
              LOG,
              CredentialSource.Digests.NONE,
              (content, option, where) ->
                  CredentialSource.Digests.of(parseTokens(content, option, where))));
    }
    return new Authentication(BEARER, "Bearer realm=\"metrics\"", sources);
  }

  /**
   * Accepts {@code Authorization: Basic <base64 of username:password>}, both encoded in UTF-8.
   * Reads the password now.
   *
   * @param username the user name, such as an organisation id; not secret
   * @param password a secret holding the password, which must not contain control characters
   * @return the authentication
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when {@code username} is empty or holds {@code ':'} or a
   *     control character, or the password cannot be read, is empty or holds a control character
   */
  public static Authentication basic(String username, Secret password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (username.isEmpty() || username.indexOf(':') >= 0 || CONTROL.matcher(username).find()) {
      throw new IllegalArgumentException(
          "basic auth username must be non-empty without ':' or control characters: \""
              + username + "\"");
    }
    CredentialSource<CredentialSource.Digests> source =
        CredentialSource.read(
            password,
            "basic auth password",
            LOG,
            CredentialSource.Digests.NONE,
            (content, option, where) -> {
              if (CONTROL.matcher(content).find()) {
                throw new IllegalArgumentException(
                    option + " must not contain control characters: " + where
                        + " (value not shown)");
              }
              return CredentialSource.Digests.of(
                  List.of(CredentialSource.utf8(username + ":" + content)));
            });
    return new Authentication(BASIC, "Basic realm=\"metrics\", charset=\"UTF-8\"", List.of(source));
  }

  /**
   * Accepts HTTP basic auth for any {@code user:password} line the secret holds, the format of the
   * checkmetrics demo's {@code --basic-auth-file}. Reads the secret now.
   *
   * @param credentials a secret holding one or more lines {@code user:password}, user and
   *     password non-empty, the user without {@code ':'}, neither with control characters
   * @return the authentication
   * @throws NullPointerException when {@code credentials} is null
   * @throws IllegalArgumentException when the secret cannot be read or a line is malformed
   */
  public static Authentication basic(Secret credentials) {
    Objects.requireNonNull(credentials, "credentials");
    CredentialSource<CredentialSource.Digests> source =
        CredentialSource.read(
            credentials,
            "basic auth credentials",
            LOG,
            CredentialSource.Digests.NONE,
            (content, option, where) ->
                CredentialSource.Digests.of(parseUserPasswordLines(content, option, where)));
    return new Authentication(BASIC, "Basic realm=\"metrics\", charset=\"UTF-8\"", List.of(source));
  }

  /**
   * Checks the credentials of a request: every holder of an accepted credential is let in as the
   * same identity, {@code ""}.
   *
   * @return the admission, or the 401 or 431 to answer
   */
  Gate.Admission admit(ScrapeRequest request) {
    boolean head = ScrapeHandler.isHead(request);
    List<String> values = request.headers("Authorization");
    if (AuthorizationHeader.tooLong(values)) {
      LOG.debug("Rejected a request for {}: Authorization header too long", request.path());
      return Gate.Admission.refused(ScrapeResponse.headerTooLarge(head));
    }
    String refusal = refusal(values);
    if (refusal == null) {
      return Gate.Admission.ANYONE;
    }
    LOG.debug("Rejected a request for {}: {}", request.path(), refusal);
    return Gate.Admission.refused(ScrapeResponse.unauthorized(challenge, head));
  }

  /** Why the request is refused, for the debug log (never a credential), or null to let it in. */
  private String refusal(List<String> values) {
    AuthorizationHeader.Presented presented = AuthorizationHeader.read(values, scheme);
    if (presented.isRefused()) {
      return presented.refusal();
    }
    return accepted(presented.credential()) ? null : "wrong " + scheme + " credentials";
  }

  /** Compares against every accepted credential, without stopping at a match. */
  private boolean accepted(byte[] presented) {
    byte[] digest = CredentialSource.sha256(presented);
    boolean accepted = false;
    for (CredentialSource<CredentialSource.Digests> source : sources) {
      for (byte[] expected : source.current().digests()) {
        accepted |= MessageDigest.isEqual(digest, expected);
      }
    }
    return accepted;
  }

  private static List<byte[]> parseTokens(String content, String option, String where) {
    List<byte[]> tokens = new ArrayList<>();
    for (String line : lines(content)) {
      if (!AuthorizationHeader.isToken(line)) {
        throw new IllegalArgumentException(
            option + " " + AuthorizationHeader.tokenRule() + ": " + where + " (value not shown)");
      }
      tokens.add(line.getBytes(StandardCharsets.US_ASCII));
    }
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException(option + " must not be empty: " + where);
    }
    return tokens;
  }

  private static List<byte[]> parseUserPasswordLines(String content, String option, String where) {
    List<byte[]> credentials = new ArrayList<>();
    for (String line : lines(content)) {
      int colon = line.indexOf(':');
      if (colon <= 0 || colon == line.length() - 1 || CONTROL.matcher(line).find()) {
        throw new IllegalArgumentException(
            option + " must be lines of user:password, both non-empty, without control"
                + " characters: " + where + " (value not shown)");
      }
      credentials.add(CredentialSource.utf8(line));
    }
    if (credentials.isEmpty()) {
      throw new IllegalArgumentException(option + " must not be empty: " + where);
    }
    return credentials;
  }

  /** The non-blank lines, each stripped of surrounding whitespace. */
  private static List<String> lines(String content) {
    List<String> lines = new ArrayList<>();
    content.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(lines::add);
    return lines;
  }

  private static void requireNew(List<CredentialSource<CredentialSource.Digests>> sources, Secret secret, String option) {
    for (CredentialSource<CredentialSource.Digests> source : sources) {
      if (source.secret().sameSource(secret)) {
        throw new IllegalStateException(option + " was given twice: " + secret.source());
      }
    }
  }

  /**
   * Names the scheme and where the credentials come from, never a credential.
   *
   * @return for example {@code Authentication[Bearer: file /run/secrets/t, environment variable T]}
   */
  @Override
  public String toString() {
    StringJoiner joiner = new StringJoiner(", ", "Authentication[" + scheme + ": ", "]");
    sources.forEach(source -> joiner.add(source.secret().source()));
    return joiner.toString();
  }
}

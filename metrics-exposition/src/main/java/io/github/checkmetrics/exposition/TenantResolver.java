package io.github.checkmetrics.exposition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the credential of a scrape to the tenant it belongs to: a credential in, a tenant id or
 * nothing out. The handler of a tenant endpoint asks it for every request and serves only that
 * tenant's series; implement it over a platform's own store (a database of API tokens), or take
 * {@link #file(Path)} or {@link #tokens(Map)}.
 *
 * <pre>{@code
 * TenantResolver fromFile = TenantResolver.file(Path.of("/etc/checkmetrics/tenants"));
 * TenantResolver inMemory = TenantResolver.tokens(Map.of("acme", "acme-token", "globex", "globex-token"));
 * TenantResolver fromStore = token -> store.tenantOfApiToken(token); // Optional<String>
 * }</pre>
 *
 * <p>Two shapes of credential, as the two multi-tenant check platforms ask for them: a bearer token
 * of one tenant (Checkly: {@code Authorization: Bearer <token>}), and HTTP basic auth whose user
 * name is the tenant id and whose password is that tenant's token (Appclacks).
 *
 * <p>An implementation must answer in a time that does not depend on how much of a credential
 * matches (look up a SHA-256 digest of the credential, as the implementations here do, or compare
 * digests with {@link java.security.MessageDigest#isEqual(byte[], byte[])}), must never log, echo or put in a {@code toString} or an exception
 * message a credential or its hash, and must be thread-safe: it is called for concurrent requests.
 * A tenant id it returns must be one a check can carry ({@code
 * [a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,127}}); the handler treats any other as no tenant.
 */
@FunctionalInterface
public interface TenantResolver {

  /**
   * The tenant a bearer token belongs to.
   *
   * @param token the token as the client sent it after {@code Bearer }, never null or empty
   * @return the tenant id, or empty when the token belongs to no tenant
   */
  Optional<String> resolveBearer(String token);

  /**
   * The tenant of an HTTP basic auth credential whose user name is the tenant id and whose
   * password is its token (Appclacks' shape). By default the tenant of {@code password} as a
   * bearer token, when that tenant is {@code username}: the same work whatever the user name.
   *
   * @param username the user name the client sent, never null
   * @param password the password the client sent, never null
   * @return the tenant id, or empty when the pair belongs to no tenant
   */
  default Optional<String> resolveBasic(String username, String password) {
    return resolveBearer(password).filter(username::equals);
  }

  /**
   * The tenants of a credentials file, re-read when it changes with a settle time of {@value
   * Secret#DEFAULT_SETTLE_SECONDS} s; see {@link #file(Path, Duration)}.
   *
   * @param path the file, UTF-8, at most 16 MiB
   * @return a resolver over the file
   * @throws NullPointerException when {@code path} is null
   * @throws IllegalArgumentException when the file cannot be read or a line is not valid; the
   *     message names the file and line, never a credential or hash
   */
  static TenantResolver file(Path path) {
    return file(path, Duration.ofSeconds(Secret.DEFAULT_SETTLE_SECONDS));
  }

  /**
   * The tenants of a credentials file: one line per tenant, its id and one or more credentials,
   * each a SHA-256 digest (so the file is not a list of live tokens) or a plain token.
   *
   * <pre>
   * # tenant   credentials (sha256:&lt;64 hex digits&gt; or plain:&lt;token&gt;), separated by spaces
   * acme       sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
   * globex     plain:globex-token-1 plain:globex-token-2
   * </pre>
   *
   * <p>{@code #} starts a comment to the end of the line; blank lines are ignored. A tenant id matches {@code
   * [a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,127}}; a token matches {@code [A-Za-z0-9._~+/-]+=*} (RFC 6750
   * {@code b64token}) and is at most 4096 characters; {@code sha256:} is followed by the
   * lower- or upper-case hex of the SHA-256 digest of the token's UTF-8 bytes ({@code printf %s
   * "$TOKEN" | sha256sum}). Several credentials on one line let a tenant rotate its token without
   * downtime. Refused, with a message naming the file and line and never a credential or hash: a
   * line that is not of this form, a tenant on two lines, a credential given twice, and a token
   * shared by two tenants (it would resolve to either).
   *
   * <p>The file follows the rules of {@link Secret#file(Path, Duration)}: re-read when its size,
   * modification time or identity changes; while it is missing, empty or not valid (half-written)
   * the tenants read before stay in force; when it stays missing or empty past {@code
   * settleTime}, no credential resolves any more (fail closed) until it holds tenants again.
   *
   * @param path the file, UTF-8, at most 16 MiB
   * @param settleTime from 0 to 60 seconds
   * @return a resolver over the file
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when {@code settleTime} is out of range, the file cannot be
   *     read or a line is not valid
   * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-2.1">RFC 6750 section 2.1</a>
   */
  static TenantResolver file(Path path, Duration settleTime) {
    return TenantCredentials.file(path, settleTime);
  }

  /**
   * The tenants of an in-memory table, one token per tenant, for tests and for tokens a platform
   * loaded itself.
   *
   * @param tokenByTenant tenant id to its token; copied
   * @return a resolver over a copy of the table
   * @throws NullPointerException when the map, a key or a value is null
   * @throws IllegalArgumentException when a tenant id or a token is not valid (see {@link
   *     #file(Path, Duration)}) or two tenants share a token; the message names the tenants,
   *     never a token
   */
  static TenantResolver tokens(Map<String, String> tokenByTenant) {
    return TenantCredentials.tokens(tokenByTenant);
  }
}

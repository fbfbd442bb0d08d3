package io.github.checkmetrics.exposition;

import static io.github.checkmetrics.model.internal.Messages.quote;

import io.github.checkmetrics.model.Check;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TenantResolver}s of checkmetrics: a table of (tenant, SHA-256 digest of a token),
 * from a credentials file followed through {@link CredentialSource} or from a map. A credential is
 * found by the SHA-256 digest of what the client sent, one hash look-up, so the time taken tells
 * nothing about which tenant or how much of a token matched, and does not grow with the number of
 * tenants; neither tokens nor digests are ever logged or shown.
 */
final class TenantCredentials implements TenantResolver {

  private static final Logger LOG = LoggerFactory.getLogger(TenantResolver.class);

  static final String OPTION = "tenant credentials";

  /** A file of 100,000 tenants with two digests each fits. */
  static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

  private static final String SHA256 = "sha256:";
  private static final String PLAIN = "plain:";
  private static final int DIGEST_HEX_LENGTH = 64;
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern FIELDS = Pattern.compile("[ \t]+");

  /** One accepted credential: its tenant and the SHA-256 digest of the token. */
  private record Entry(String tenant, byte[] digest) {}

  /**
   * What a file or map holds, with the tenant of each digest (hex) so that a credential is found
   * with one look-up, not a walk over every tenant's: a request without a valid credential costs
   * one SHA-256 and one hash look-up whatever the number of tenants. Looking up the digest of what
   * a client sent tells it nothing about the stored tokens.
   */
  record Table(List<Entry> entries, Map<String, String> tenantByDigest)
      implements CredentialSource.Credentials {
    static final Table NONE = new Table(List.of());

    Table(List<Entry> entries) {
      this(entries, index(entries));
    }

    private static Map<String, String> index(List<Entry> entries) {
      Map<String, String> byDigest = new HashMap<>();
      for (Entry entry : entries) {
        byDigest.put(HexFormat.of().formatHex(entry.digest()), entry.tenant());
      }
      return Map.copyOf(byDigest);
    }

    @Override
    public int count() {
      return entries.size();
    }
  }

  private final CredentialSource<Table> source;
  private final Table fixed;

  private TenantCredentials(CredentialSource<Table> source, Table fixed) {
    this.source = source;
    this.fixed = fixed;
  }

  static TenantCredentials file(Path path, Duration settleTime) {
    return file(Secret.file(path, settleTime, System::nanoTime, MAX_FILE_BYTES));
  }

  /** Over a file secret, whose clock a test controls. */
  static TenantCredentials file(Secret secret) {
    return new TenantCredentials(
        CredentialSource.read(secret, OPTION, LOG, Table.NONE, TenantCredentials::parse), null);
  }

  static TenantCredentials tokens(Map<String, String> tokenByTenant) {
    Objects.requireNonNull(tokenByTenant, "tokenByTenant");
    String where = OPTION + " map";
    // Sorted, so that which of two tenants sharing a token is named first does not vary.
    Map<String, String> sorted = new TreeMap<>();
    tokenByTenant.forEach(
        (tenant, token) ->
            sorted.put(
                Objects.requireNonNull(tenant, "tenant"),
                Objects.requireNonNull(token, "token of tenant " + quote(tenant))));
    TableBuilder table = new TableBuilder();
    sorted.forEach(
        (tenant, token) -> {
          requireTenantId(tenant, where);
          if (!AuthorizationHeader.isToken(token)) {
            throw new IllegalArgumentException(
                where + ": token of tenant " + quote(tenant) + " " + AuthorizationHeader.tokenRule()
                    + " (value not shown)");
          }
          table.add(tenant, CredentialSource.sha256(utf8(token)), where, -1);
        });
    return new TenantCredentials(null, table.build());
  }

  @Override
  public Optional<String> resolveBearer(String token) {
    Objects.requireNonNull(token, "token");
    String digest = HexFormat.of().formatHex(CredentialSource.sha256(utf8(token)));
    return Optional.ofNullable(table().tenantByDigest().get(digest));
  }

  private Table table() {
    return source != null ? source.current() : fixed;
  }

  /** Parses a credentials file; messages name the file and line, never a credential or hash. */
  static Table parse(String content, String option, String where) {
    TableBuilder table = new TableBuilder();
    int lineNumber = 0;
    for (String raw : content.split("\n", -1)) {
      lineNumber++;
      // No tenant id or credential holds '#': it starts a comment anywhere on a line.
      int comment = raw.indexOf('#');
      String line = (comment >= 0 ? raw.substring(0, comment) : raw).strip();
      if (line.isEmpty()) {
        continue;
      }
      String at = option + " " + where + ":" + lineNumber;
      String[] fields = FIELDS.split(line);
      if (fields.length < 2) {
        throw new IllegalArgumentException(
            at + ": line must be TENANT CREDENTIAL [CREDENTIAL ...], each credential"
                + " sha256:<64 hex digits> or plain:<token> (value not shown)");
      }
      String tenant = fields[0];
      requireTenantId(tenant, at);
      table.startTenant(tenant, at, lineNumber);
      for (int i = 1; i < fields.length; i++) {
        table.add(tenant, digestOf(fields[i], at), at, lineNumber);
      }
    }
    if (table.isEmpty()) {
      throw new IllegalArgumentException(option + " must name at least one tenant: " + where);
    }
    return table.build();
  }

  private static byte[] digestOf(String credential, String at) {
    if (credential.startsWith(SHA256)) {
      String hex = credential.substring(SHA256.length());
      if (hex.length() != DIGEST_HEX_LENGTH || !HEX.matcher(hex).matches()) {
        throw new IllegalArgumentException(
            at + ": sha256: must be followed by 64 hex digits (value not shown)");
      }
      return HexFormat.of().parseHex(hex);
    }
    if (credential.startsWith(PLAIN)) {
      String token = credential.substring(PLAIN.length());
      if (!AuthorizationHeader.isToken(token)) {
        throw new IllegalArgumentException(
            at + ": plain: token " + AuthorizationHeader.tokenRule() + " (value not shown)");
      }
      return CredentialSource.sha256(utf8(token));
    }
    throw new IllegalArgumentException(
        at + ": credential must start with sha256: or plain: (value not shown)");
  }

  /** Refuses what a check could not carry, with the model's message (the rule's one owner). */
  private static void requireTenantId(String tenant, String at) {
    if (!Check.isTenantId(tenant)) {
      try {
        Check.builder("tenant").tenant(tenant);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + ": " + e.getMessage());
      }
      throw new IllegalStateException("Check.isTenantId and Check.Builder.tenant disagree");
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Collects entries, refusing a tenant on two lines and a credential given twice. */
  private static final class TableBuilder {
    private final Map<String, Integer> lineOfTenant = new HashMap<>();
    private final Map<String, Owner> ownerOfDigest = new HashMap<>();
    private final List<Entry> entries = new ArrayList<>();

    private record Owner(String tenant, int line) {}

    void startTenant(String tenant, String at, int line) {
      Integer first = lineOfTenant.putIfAbsent(tenant, line);
      if (first != null) {
        throw new IllegalArgumentException(
            at + ": tenant " + quote(tenant) + " is already on line " + first);
      }
    }

    void add(String tenant, byte[] digest, String at, int line) {
      Owner owner =
          ownerOfDigest.putIfAbsent(HexFormat.of().formatHex(digest), new Owner(tenant, line));
      if (owner != null) {
        throw new IllegalArgumentException(
            at + ": a credential of tenant " + quote(tenant) + " is already one of tenant "
                + quote(owner.tenant) + (owner.line > 0 ? " on line " + owner.line : "")
                + " (value not shown)");
      }
      entries.add(new Entry(tenant, digest));
    }

    boolean isEmpty() {
      return entries.isEmpty();
    }

    Table build() {
      return new Table(List.copyOf(entries));
    }
  }

  /**
   * Names where the tenants come from, never a credential or hash.
   *
   * @return for example {@code TenantResolver[file /etc/checkmetrics/tenants]} or {@code
   *     TenantResolver[map of 3 tenants]}
   */
  @Override
  public String toString() {
    return source != null
        ? "TenantResolver[" + source.secret().source() + "]"
        : "TenantResolver[map of " + fixed.count() + " tenants]";
  }
}

package io.github.checkmetrics.examples;

import io.github.checkmetrics.exposition.TenantResolver;
import io.github.checkmetrics.model.Check;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The demo's tenants file ({@code --tenants-file}), read and checked: one tenant per line, {@code
 * TENANT TOKEN URL [URL ...]}, fields separated by spaces or tabs; a field starting with {@code #}
 * starts a comment to the end of the line, and lines with no field before it are skipped. Each URL becomes one check of the tenant,
 * with id {@code TENANT-1}, {@code TENANT-2}, ... in the order of the line.
 *
 * <pre>{@code
 * # tenant  token                 URLs
 * acme      acme-token-3f9a       https://acme.example/health https://acme.example/login
 * globex    globex-token-77c1     https://globex.example/
 * }</pre>
 *
 * <p>A tenant is given once; each tenant has its own token (a token shared by two tenants would
 * let one read the other's checks). The file is read once, when the demo starts; an error names
 * the file and the line, never a token. Immutable; {@link #toString()} shows no token.
 */
final class DemoTenants {

  /** The form of a line, for messages. */
  static final String LINE_FORM = "TENANT TOKEN URL [URL ...]";

  private static final Pattern FIELD_SEPARATOR = Pattern.compile("[ \t]+");

  private final List<Tenant> tenants;

  private DemoTenants(List<Tenant> tenants) {
    this.tenants = List.copyOf(tenants);
  }

  /**
   * One tenant of the file.
   *
   * @param id the tenant id
   * @param line the line of the file it is on, from 1
   * @param urls the URLs its checks probe, in the order of the line
   * @param checks its checks, one per URL, ids {@code TENANT-1}, {@code TENANT-2}, ..., of the
   *     tenant
   */
  record Tenant(String id, int line, String token, List<URI> urls, List<Check> checks) {
    Tenant {
      urls = List.copyOf(urls);
      checks = List.copyOf(checks);
    }

    /** Names the tenant, its line and its checks; never the token. */
    @Override
    public String toString() {
      return "Tenant[" + id + ", line " + line + ", " + checks.size() + " checks]";
    }
  }

  /**
   * Reads and checks a tenants file.
   *
   * @param file the file, UTF-8
   * @return its tenants, in the order of the file
   * @throws DemoOptions.UsageException naming the file (and the line) when it cannot be read or
   *     a line is not a tenant; never with a token in the message
   */
  static DemoTenants read(Path file) throws DemoOptions.UsageException {
    Path shown = file.toAbsolutePath();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new DemoOptions.UsageException("tenants file does not exist: " + shown);
    } catch (CharacterCodingException e) {
      throw new DemoOptions.UsageException("tenants file must be UTF-8 text: " + shown);
    } catch (IOException e) {
      throw new DemoOptions.UsageException(
          "tenants file cannot be read: " + shown + " (" + e.getClass().getSimpleName() + ")");
    }
    return parse(shown.toString(), lines);
  }

  /**
   * Checks the lines of a tenants file.
   *
   * @param file the file's name, for messages
   * @param lines its lines
   * @return its tenants, in the order of the file
   * @throws DemoOptions.UsageException naming {@code file:line} for the first bad line, or the
   *     file when it holds no tenant
   */
  static DemoTenants parse(String file, List<String> lines) throws DemoOptions.UsageException {
    Map<String, Tenant> byId = new LinkedHashMap<>();
    Map<String, Tenant> byToken = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String[] fields = fields(lines.get(i));
      if (fields.length == 0) {
        continue;
      }
      String where = file + ":" + (i + 1) + ": ";
      if (fields.length < 3) {
        // Never the line itself: its second field is a token.
        throw new DemoOptions.UsageException(
            where + "a line must be " + LINE_FORM + ": " + fields.length
                + (fields.length == 1 ? " field" : " fields"));
      }
      String id = tenantId(where, fields[0]);
      Tenant first = byId.get(id);
      if (first != null) {
        throw new DemoOptions.UsageException(
            where + "tenant \"" + id + "\" is given twice (first on line " + first.line() + ")");
      }
      String token = fields[1];
      try {
        // The endpoint's rule of a token (an RFC 6750 b64token), checked here to name the line.
        TenantResolver.tokens(Map.of(id, token));
      } catch (IllegalArgumentException e) {
        throw new DemoOptions.UsageException(where + e.getMessage());
      }
      Tenant owner = byToken.get(token);
      if (owner != null) {
        throw new DemoOptions.UsageException(
            where + "tenant \"" + id + "\" has the token of tenant \"" + owner.id() + "\" (line "
                + owner.line() + "); every tenant needs its own token");
      }
      List<URI> urls = new ArrayList<>();
      List<Check> checks = new ArrayList<>();
      for (int f = 2; f < fields.length; f++) {
        URI url = DemoOptions.url(where + "URL", fields[f]);
        urls.add(url);
        checks.add(check(where, id, id + "-" + (f - 1), url));
      }
      Tenant tenant = new Tenant(id, i + 1, token, urls, checks);
      byId.put(id, tenant);
      byToken.put(token, tenant);
    }
    if (byId.isEmpty()) {
      throw new DemoOptions.UsageException(
          "tenants file has no tenant (every line is blank or a # comment; a line is "
              + LINE_FORM + "): " + file);
    }
    return new DemoTenants(new ArrayList<>(byId.values()));
  }

  /** The fields of a line up to a comment: a field starting with {@code #} ends the line. */
  private static String[] fields(String line) {
    String[] fields = FIELD_SEPARATOR.split(line.strip());
    int end = 0;
    while (end < fields.length && !fields[end].isEmpty() && !fields[end].startsWith("#")) {
      end++;
    }
    return Arrays.copyOf(fields, end);
  }

  private static String tenantId(String where, String value) throws DemoOptions.UsageException {
    try {
      // The model owns the rule of a tenant id and its message.
      Check.builder("tenant").tenant(value);
      return value;
    } catch (IllegalArgumentException e) {
      throw new DemoOptions.UsageException(where + e.getMessage());
    }
  }

  private static Check check(String where, String tenant, String id, URI url)
      throws DemoOptions.UsageException {
    try {
      return Check.builder(id).tenant(tenant).name(Demo.checkName(url)).type("http").build();
    } catch (IllegalArgumentException e) {
      // A tenant id near 128 characters leaves no room for "-N" in a check id.
      throw new DemoOptions.UsageException(where + e.getMessage());
    }
  }

  /** @return the tenants, in the order of the file */
  List<Tenant> tenants() {
    return tenants;
  }

  /**
   * The tenants' tokens as the endpoint resolves them: a bearer token, or basic auth with the
   * tenant id as the user and its token as the password.
   *
   * @return a resolver over a copy of the tokens
   */
  TenantResolver resolver() {
    return TenantResolver.tokens(tokens());
  }

  /** @return every tenant's token, by tenant id, in the order of the file */
  Map<String, String> tokens() {
    Map<String, String> tokens = new LinkedHashMap<>();
    tenants.forEach(tenant -> tokens.put(tenant.id(), tenant.token()));
    return tokens;
  }

  /** @return the number of checks of all tenants */
  int checkCount() {
    return tenants.stream().mapToInt(tenant -> tenant.checks().size()).sum();
  }

  /** Names the tenants and their check counts; never a token. */
  @Override
  public String toString() {
    return "DemoTenants" + tenants;
  }
}

package io.github.checkmetrics.agent;

import io.github.checkmetrics.exposition.Secret;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.internal.Messages;
import io.github.checkmetrics.runner.HttpProbe;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads and checks a checks file whole (the schema is {@code docs/checks-file.md}); the first
 * problem ends the reading with a {@link ChecksFileException} naming its line and column, so a
 * file is either used whole or not at all. Stateless and thread-safe.
 */
final class ChecksFileReader {

  static final List<String> TOP_KEYS = List.of("defaults", "checks", "modules");
  static final List<String> DEFAULTS_KEYS = List.of("interval", "timeout", "region");
  static final List<String> CHECK_KEYS =
      List.of(
          "id", "name", "type", "tags", "interval", "timeout", "region", "muted", "activated",
          "http", "tcp");
  static final List<String> HTTP_KEYS =
      List.of(
          "url",
          "method",
          "headers",
          "body",
          "expected_status",
          "expected_body",
          "expected_body_regex",
          "degraded_threshold",
          "follow_redirects",
          "tls",
          "auth");
  static final List<String> TLS_KEYS =
      List.of("insecure_skip_verify", "server_name", "trust_store", "trust_store_password_file");
  static final List<String> AUTH_KEYS =
      List.of(
          "bearer_token_file",
          "bearer_token_env",
          "basic_user",
          "basic_password_file",
          "basic_password_env");
  static final List<String> TCP_KEYS = List.of("host", "port", "degraded_threshold");
  static final List<String> MODULE_KEYS = List.of("type", "timeout", "http", "tcp");

  private static final Pattern STATUS_RANGE = Pattern.compile("(\\d{3})(?:-(\\d{3}))?");

  private ChecksFileReader() {}

  /**
   * Reads a checks file.
   *
   * @param path the file; messages name it as given
   * @throws ChecksFileException if it cannot be read, is not UTF-8 or breaks the schema
   */
  static ChecksFile read(Path path) throws ChecksFileException {
    String file = path.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new ChecksFileException(file, "cannot be read: " + e);
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new ChecksFileException(file, "must be UTF-8 text");
    }
    return parse(file, text);
  }

  /**
   * Reads the text of a checks file.
   *
   * @param file the file's name for messages, such as {@code checks.yml}
   * @throws ChecksFileException if the text breaks the schema
   */
  static ChecksFile parse(String file, String text) throws ChecksFileException {
    Map.Entry<Yaml, Optional<Node>> parsed = Yaml.parse(file, text);
    Yaml yaml = parsed.getKey();
    if (parsed.getValue().isEmpty()) {
      throw new ChecksFileException(file, "holds no YAML document; it needs checks or modules");
    }
    return new ChecksFileReader.Reading(yaml).file(parsed.getValue().get());
  }

  /** One reading of one file. */
  private static final class Reading {
    private final Yaml yaml;
    private Duration defaultInterval;
    private Duration defaultTimeout;
    private String defaultRegion;

    Reading(Yaml yaml) {
      this.yaml = yaml;
    }

    ChecksFile file(Node root) throws ChecksFileException {
      Map<String, Node> top = yaml.mapping(root, "the checks file", TOP_KEYS);
      if (top.containsKey("defaults")) {
        defaults(top.get("defaults"));
      }
      List<CheckSpec> checks = new ArrayList<>();
      if (top.containsKey("checks")) {
        Map<String, Integer> lines = new HashMap<>();
        for (Node item : yaml.sequence(top.get("checks"), "checks")) {
          CheckSpec check = check(item, lines);
          checks.add(check);
        }
      }
      Map<String, ModuleSpec> modules = new LinkedHashMap<>();
      if (top.containsKey("modules")) {
        Map<String, Node> entries = moduleEntries(top.get("modules"));
        for (Map.Entry<String, Node> entry : entries.entrySet()) {
          modules.put(entry.getKey(), module(entry.getKey(), entry.getValue()));
        }
      }
      return new ChecksFile(checks, modules);
    }

    private Map<String, Node> moduleEntries(Node node) throws ChecksFileException {
      if (!(node instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) {
        throw yaml.error(node, "modules must be a mapping of module names to modules");
      }
      Map<String, Node> entries = new LinkedHashMap<>();
      for (org.snakeyaml.engine.v2.nodes.NodeTuple tuple :
          ((org.snakeyaml.engine.v2.nodes.MappingNode) node).getValue()) {
        String name = yaml.text(tuple.getKeyNode(), "module name");
        try {
          Check.builder(name);
        } catch (IllegalArgumentException e) {
          throw yaml.error(
              tuple.getKeyNode(), "a module name is the check_id of its results: " + e.getMessage());
        }
        if (entries.containsKey(name)) {
          throw yaml.error(tuple.getKeyNode(), "duplicate module " + Messages.quote(name));
        }
        entries.put(name, tuple.getValueNode());
      }
      return entries;
    }

    private void defaults(Node node) throws ChecksFileException {
      Map<String, Node> entries = yaml.mapping(node, "defaults", DEFAULTS_KEYS);
      if (entries.containsKey("interval")) {
        defaultInterval = yaml.duration(entries.get("interval"), "interval");
      }
      if (entries.containsKey("timeout")) {
        defaultTimeout = yaml.duration(entries.get("timeout"), "timeout");
      }
      if (entries.containsKey("region")) {
        defaultRegion = region(entries.get("region"));
      }
    }

    private CheckSpec check(Node node, Map<String, Integer> lines) throws ChecksFileException {
      Map<String, Node> entries = yaml.mapping(node, "a check", CHECK_KEYS);
      Node idNode = entries.get("id");
      if (idNode == null) {
        throw yaml.error(node, "a check needs an id");
      }
      String id = yaml.text(idNode, "id");
      at(idNode, () -> Check.builder(id));
      Integer first = lines.putIfAbsent(id, Yaml.line(idNode));
      if (first != null) {
        throw yaml.error(
            idNode, "duplicate check id " + Messages.quote(id) + " (first at line " + first + ")");
      }
      String name = null;
      if (entries.containsKey("name")) {
        String value = yaml.text(entries.get("name"), "name");
        at(entries.get("name"), () -> Check.builder(id).name(value));
        name = value;
      }
      List<String> tags = List.of();
      if (entries.containsKey("tags")) {
        List<String> values = yaml.textList(entries.get("tags"), "tags");
        at(entries.get("tags"), () -> Check.builder(id).tags(values));
        tags = values.stream().sorted().distinct().toList();
      }
      boolean muted = entries.containsKey("muted") && yaml.bool(entries.get("muted"), "muted");
      boolean activated =
          !entries.containsKey("activated") || yaml.bool(entries.get("activated"), "activated");
      Duration interval =
          entries.containsKey("interval")
              ? yaml.duration(entries.get("interval"), "interval")
              : defaultInterval;
      Duration timeout =
          entries.containsKey("timeout")
              ? yaml.duration(entries.get("timeout"), "timeout")
              : defaultTimeout;
      String region =
          entries.containsKey("region") ? region(entries.get("region")) : defaultRegion;
      ProbeSpec probe = probe(node, entries);
      String type = probe.kind();
      if (entries.containsKey("type")) {
        String value = yaml.text(entries.get("type"), "type");
        at(entries.get("type"), () -> Check.builder(id).type(value));
        type = value;
      }
      CheckSpec spec =
          new CheckSpec(
              id, name, type, tags, muted, activated, interval, timeout, region, probe);
      // The runner's own rule (timeout not longer than interval), shown where the timeout is set.
      Node timing =
          entries.containsKey("timeout")
              ? entries.get("timeout")
              : entries.containsKey("interval") ? entries.get("interval") : node;
      at(timing, spec::scheduled);
      return spec;
    }

    private ProbeSpec probe(Node checkNode, Map<String, Node> entries)
        throws ChecksFileException {
      Node http = entries.get("http");
      Node tcp = entries.get("tcp");
      if (http == null && tcp == null) {
        throw yaml.error(checkNode, "a check needs a probe: http or tcp");
      }
      if (http != null && tcp != null) {
        throw yaml.error(checkNode, "a check has one probe, http or tcp: both are given");
      }
      return http != null ? http(http, true) : tcp(tcp);
    }

    private ProbeSpec.Http http(Node node, boolean needsUrl) throws ChecksFileException {
      Map<String, Node> entries = yaml.mapping(node, "http", HTTP_KEYS);
      String url = null;
      if (entries.containsKey("url")) {
        Node urlNode = entries.get("url");
        if (!needsUrl) {
          throw yaml.error(urlNode, "a module has no url: /probe takes it from its target");
        }
        String value = yaml.text(urlNode, "url");
        at(urlNode, () -> HttpProbe.parse(value));
        url = value;
      } else if (needsUrl) {
        throw yaml.error(node, "http needs a url");
      }
      String method = null;
      if (entries.containsKey("method")) {
        String value = yaml.text(entries.get("method"), "method");
        at(entries.get("method"), () -> probeBuilder().method(value));
        method = value;
      }
      Map<String, String> headers = Map.of();
      if (entries.containsKey("headers")) {
        Node headersNode = entries.get("headers");
        Map<String, String> values = yaml.textMapping(headersNode, "headers");
        for (org.snakeyaml.engine.v2.nodes.NodeTuple tuple :
            ((org.snakeyaml.engine.v2.nodes.MappingNode) headersNode).getValue()) {
          String name = yaml.text(tuple.getKeyNode(), "headers name");
          at(tuple.getKeyNode(), () -> probeBuilder().header(name, values.get(name)));
        }
        headers = values;
      }
      String body = null;
      if (entries.containsKey("body")) {
        body = yaml.text(entries.get("body"), "body");
      }
      List<ProbeSpec.StatusRange> status = List.of();
      if (entries.containsKey("expected_status")) {
        status = expectedStatus(entries.get("expected_status"));
      }
      String expectedBody = null;
      if (entries.containsKey("expected_body")) {
        Node bodyNode = entries.get("expected_body");
        String value = yaml.text(bodyNode, "expected_body");
        at(bodyNode, () -> probeBuilder().bodyContains(value));
        expectedBody = value;
      }
      String expectedBodyRegex = null;
      if (entries.containsKey("expected_body_regex")) {
        Node regex = entries.get("expected_body_regex");
        String value = yaml.text(regex, "expected_body_regex");
        at(regex, () -> probeBuilder().bodyMatches(value));
        expectedBodyRegex = value;
      }
      Duration degraded = null;
      if (entries.containsKey("degraded_threshold")) {
        degraded = yaml.duration(entries.get("degraded_threshold"), "degraded_threshold");
      }
      Boolean followRedirects = null;
      if (entries.containsKey("follow_redirects")) {
        followRedirects = yaml.bool(entries.get("follow_redirects"), "follow_redirects");
      }
      ProbeSpec.Tls tls = entries.containsKey("tls") ? tls(entries.get("tls")) : null;
      ProbeSpec.Auth auth = entries.containsKey("auth") ? auth(entries.get("auth")) : null;
      ProbeSpec.Http spec =
          new ProbeSpec.Http(
              url,
              method,
              headers,
              body,
              status,
              expectedBody,
              expectedBodyRegex,
              degraded,
              followRedirects,
              tls,
              auth);
      // The options together, as the probe builds them (a module against a stand-in target).
      at(node, () -> spec.probe(spec.url() != null ? spec.url() : "http://127.0.0.1/"));
      return spec;
    }

    /** {@code 200}, {@code 200-299}, or a list of those. */
    private List<ProbeSpec.StatusRange> expectedStatus(Node node) throws ChecksFileException {
      List<Node> items =
          node instanceof org.snakeyaml.engine.v2.nodes.SequenceNode
              ? yaml.sequence(node, "expected_status")
              : List.of(node);
      if (items.isEmpty()) {
        throw yaml.error(node, "expected_status must hold at least one status or range");
      }
      List<ProbeSpec.StatusRange> ranges = new ArrayList<>();
      for (Node item : items) {
        String value = item instanceof org.snakeyaml.engine.v2.nodes.ScalarNode
            ? ((org.snakeyaml.engine.v2.nodes.ScalarNode) item).getValue()
            : "";
        java.util.regex.Matcher m = STATUS_RANGE.matcher(value);
        if (!m.matches()) {
          throw yaml.error(
              item,
              "expected_status must be a status such as 200 or a range such as 200-299: "
                  + Yaml.shown(item));
        }
        int min = Integer.parseInt(m.group(1));
        int max = m.group(2) == null ? min : Integer.parseInt(m.group(2));
        at(item, () -> probeBuilder().expectedStatus(min, max));
        ranges.add(new ProbeSpec.StatusRange(min, max));
      }
      return ranges;
    }

    private ProbeSpec.Tls tls(Node node) throws ChecksFileException {
      Map<String, Node> entries = yaml.mapping(node, "tls", TLS_KEYS);
      Boolean insecure = null;
      if (entries.containsKey("insecure_skip_verify")) {
        insecure = yaml.bool(entries.get("insecure_skip_verify"), "tls.insecure_skip_verify");
      }
      String serverName = null;
      if (entries.containsKey("server_name")) {
        Node nameNode = entries.get("server_name");
        String value = yaml.text(nameNode, "tls.server_name");
        at(nameNode, () -> probeBuilder().serverName(value));
        serverName = value;
      }
      Path passwordFile = null;
      String password = null;
      if (entries.containsKey("trust_store_password_file")) {
        Node fileNode = entries.get("trust_store_password_file");
        if (!entries.containsKey("trust_store")) {
          throw yaml.error(fileNode, "tls.trust_store_password_file needs tls.trust_store");
        }
        passwordFile = path(fileNode, "tls.trust_store_password_file");
        Path file = passwordFile;
        password = valueAt(fileNode, () -> Secret.file(file).read("tls.trust_store_password_file"));
      }
      Path trustStore = null;
      if (entries.containsKey("trust_store")) {
        Node storeNode = entries.get("trust_store");
        trustStore = path(storeNode, "tls.trust_store");
        Path store = trustStore;
        String secret = password;
        at(storeNode, () -> probeBuilder().trustStore(store, secret));
      }
      return new ProbeSpec.Tls(insecure, serverName, trustStore, passwordFile);
    }

    /** Credentials only by reference: a file or an environment variable, never a value. */
    private ProbeSpec.Auth auth(Node node) throws ChecksFileException {
      Map<String, Node> entries = yaml.mapping(node, "auth", AUTH_KEYS);
      boolean bearer =
          entries.containsKey("bearer_token_file") || entries.containsKey("bearer_token_env");
      boolean basic = entries.containsKey("basic_user");
      if (bearer == basic) {
        throw yaml.error(
            node, "auth needs either bearer_token_file or bearer_token_env, or basic_user");
      }
      boolean basicPassword =
          entries.containsKey("basic_password_file") || entries.containsKey("basic_password_env");
      if (bearer && basicPassword) {
        throw yaml.error(
            node, "auth takes a bearer token or basic_user with a password, not both");
      }
      if (entries.containsKey("bearer_token_file") && entries.containsKey("bearer_token_env")) {
        throw yaml.error(node, "auth needs one of bearer_token_file and bearer_token_env, not both");
      }
      if (basic
          && entries.containsKey("basic_password_file") == entries.containsKey("basic_password_env")) {
        throw yaml.error(
            node, "auth with basic_user needs one of basic_password_file and basic_password_env");
      }
      String user = basic ? yaml.text(entries.get("basic_user"), "auth.basic_user") : null;
      Path bearerFile = null;
      String bearerEnv = null;
      Path passwordFile = null;
      String passwordEnv = null;
      if (entries.containsKey("bearer_token_file")) {
        Node n = entries.get("bearer_token_file");
        Path file = path(n, "auth.bearer_token_file");
        at(n, () -> probeBuilder().bearerTokenFromFile(file));
        bearerFile = file;
      }
      if (entries.containsKey("bearer_token_env")) {
        Node n = entries.get("bearer_token_env");
        String variable = variable(n, "auth.bearer_token_env");
        at(n, () -> probeBuilder().bearerTokenFromEnv(variable));
        bearerEnv = variable;
      }
      if (entries.containsKey("basic_password_file")) {
        Node n = entries.get("basic_password_file");
        Path file = path(n, "auth.basic_password_file");
        basicAt(entries.get("basic_user"), n, () -> probeBuilder().basicAuthFromFile(user, file));
        passwordFile = file;
      }
      if (entries.containsKey("basic_password_env")) {
        Node n = entries.get("basic_password_env");
        String variable = variable(n, "auth.basic_password_env");
        basicAt(entries.get("basic_user"), n, () -> probeBuilder().basicAuthFromEnv(user, variable));
        passwordEnv = variable;
      }
      return new ProbeSpec.Auth(bearerFile, bearerEnv, user, passwordFile, passwordEnv);
    }

    /**
     * Runs a basic auth option, placing a refused user name at {@code userNode} and any other
     * refusal (the password's file or variable) at {@code passwordNode}.
     */
    private void basicAt(Node userNode, Node passwordNode, Runnable check)
        throws ChecksFileException {
      try {
        check.run();
      } catch (IllegalArgumentException | IllegalStateException e) {
        boolean user = e.getMessage() != null && e.getMessage().startsWith("username ");
        throw yaml.error(user ? userNode : passwordNode, e.getMessage());
      }
    }

    /** An environment variable's name, by the library's one rule for it. */
    private String variable(Node node, String field) throws ChecksFileException {
      String name = yaml.text(node, field);
      at(node, () -> Secret.environmentVariable(name));
      return name;
    }

    /** A file path, relative ones against the agent's working directory. */
    private Path path(Node node, String field) throws ChecksFileException {
      String value = yaml.text(node, field);
      try {
        return Path.of(value);
      } catch (java.nio.file.InvalidPathException e) {
        throw yaml.error(node, field + " must be a file path: " + Messages.quote(value));
      }
    }

    private ProbeSpec.Tcp tcp(Node node) throws ChecksFileException {
      Map<String, Node> entries = yaml.mapping(node, "tcp", TCP_KEYS);
      if (!entries.containsKey("host") || !entries.containsKey("port")) {
        throw yaml.error(node, "tcp needs a host and a port");
      }
      String host = yaml.text(entries.get("host"), "host");
      int port = yaml.port(entries.get("port"), "port");
      Duration degraded = null;
      if (entries.containsKey("degraded_threshold")) {
        degraded = yaml.duration(entries.get("degraded_threshold"), "degraded_threshold");
      }
      return new ProbeSpec.Tcp(host, port, degraded);
    }

    private ModuleSpec module(String name, Node node) throws ChecksFileException {
      Map<String, Node> entries = yaml.mapping(node, "a module", MODULE_KEYS);
      if (entries.containsKey("tcp")) {
        throw yaml.error(
            entries.get("tcp"),
            "a module's tcp probe is not supported yet: /probe takes http and https targets");
      }
      if (!entries.containsKey("http")) {
        throw yaml.error(node, "a module needs an http probe");
      }
      ProbeSpec.Http http = http(entries.get("http"), false);
      String type = "http";
      if (entries.containsKey("type")) {
        String value = yaml.text(entries.get("type"), "type");
        at(entries.get("type"), () -> Check.builder("module").type(value));
        type = value;
      }
      Duration timeout =
          entries.containsKey("timeout")
              ? yaml.duration(entries.get("timeout"), "timeout")
              : defaultTimeout;
      return new ModuleSpec(name, type, timeout, defaultRegion, http);
    }

    private String region(Node node) throws ChecksFileException {
      String region = yaml.text(node, "region");
      // The model's own rule and message: a region it refuses would fail every run.
      at(node, () -> CheckResult.builder("region-check", region));
      return region;
    }

    /** Runs a builder's check, turning its refusal into an error at {@code node}. */
    private void at(Node node, Runnable check) throws ChecksFileException {
      valueAt(
          node,
          () -> {
            check.run();
            return null;
          });
    }

    /** Computes a value, turning a refusal into an error at {@code node}. */
    private <T> T valueAt(Node node, java.util.function.Supplier<T> value) throws ChecksFileException {
      try {
        return value.get();
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw yaml.error(node, e.getMessage());
      }
    }

    /** A builder against a stand-in target, to check one option by the probe's own rule. */
    private static HttpProbe.Builder probeBuilder() {
      return HttpProbe.builder("http://127.0.0.1/");
    }
  }
}

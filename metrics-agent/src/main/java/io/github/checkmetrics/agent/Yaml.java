package io.github.checkmetrics.agent;

import io.github.checkmetrics.model.internal.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The YAML of one checks file as a tree of SnakeYAML Engine nodes, read with the position of every
 * node, so that each error names its line and column. Values are read by what the field needs
 * (text, duration, boolean, port), never by YAML's own guess: {@code id: 123} is the id "123".
 */
final class Yaml {

  /** A file larger than this is refused before it is parsed (a checks file is kilobytes). */
  static final int MAX_CODE_POINTS = 4 * 1024 * 1024;

  private static final Pattern DURATION =
      Pattern.compile(
          "(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

  private final String file;

  private Yaml(String file) {
    this.file = file;
  }

  /**
   * Parses a document.
   *
   * @param file the file's name for messages
   * @return the reader and the root node, empty for an empty document
   * @throws ChecksFileException for a YAML syntax error, with its position
   */
  static Map.Entry<Yaml, Optional<Node>> parse(String file, String text)
      throws ChecksFileException {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setCodePointLimit(MAX_CODE_POINTS)
            .setMaxAliasesForCollections(50)
            .setAllowRecursiveKeys(false)
            .build();
    try {
      return Map.entry(new Yaml(file), new Compose(settings).composeString(text));
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().orElse(e.getContextMark().orElse(null));
      String problem = e.getProblem() == null ? e.getContext() : e.getProblem();
      if (mark == null) {
        throw new ChecksFileException(file, "YAML syntax: " + problem);
      }
      throw new ChecksFileException(
          file, mark.getLine() + 1, mark.getColumn() + 1, "YAML syntax: " + problem);
    } catch (YamlEngineException e) {
      throw new ChecksFileException(file, "YAML: " + e.getMessage());
    }
  }

  /** An error at a node. */
  ChecksFileException error(Node node, String problem) {
    Optional<Mark> mark = node.getStartMark();
    if (mark.isEmpty()) {
      return new ChecksFileException(file, problem);
    }
    return new ChecksFileException(
        file, mark.get().getLine() + 1, mark.get().getColumn() + 1, problem);
  }

  /** The line of a node, from 1, for messages that point back to it. */
  static int line(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  /**
   * Reads a mapping whose keys are all known, each at most once.
   *
   * @param what what the mapping is, for messages, such as {@code "a check"}
   * @param known its keys, in the order the message lists them
   * @return key to value node, in file order
   */
  Map<String, Node> mapping(Node node, String what, List<String> known)
      throws ChecksFileException {
    if (!(node instanceof MappingNode)) {
      throw error(node, what + " must be a mapping of " + String.join(", ", known));
    }
    Map<String, Node> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : ((MappingNode) node).getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode)) {
        throw error(keyNode, "a key of " + what + " must be text");
      }
      String key = ((ScalarNode) keyNode).getValue();
      if (!known.contains(key)) {
        throw error(
            keyNode,
            "unknown key "
                + Messages.quote(key)
                + " in "
                + what
                + "; known keys: "
                + String.join(", ", known));
      }
      if (entries.containsKey(key)) {
        throw error(keyNode, "duplicate key " + Messages.quote(key) + " in " + what);
      }
      entries.put(key, tuple.getValueNode());
    }
    return entries;
  }

  /** The entries of a mapping with free keys (headers), in file order. */
  Map<String, String> textMapping(Node node, String field) throws ChecksFileException {
    if (!(node instanceof MappingNode)) {
      throw error(node, field + " must be a mapping of names to text");
    }
    Map<String, String> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : ((MappingNode) node).getValue()) {
      String key = text(tuple.getKeyNode(), field + " name");
      if (entries.containsKey(key)) {
        throw error(tuple.getKeyNode(), "duplicate key " + Messages.quote(key) + " in " + field);
      }
      entries.put(key, text(tuple.getValueNode(), field + "." + key));
    }
    return entries;
  }

  /** The items of a sequence. */
  List<Node> sequence(Node node, String field) throws ChecksFileException {
    if (!(node instanceof SequenceNode)) {
      throw error(node, field + " must be a list");
    }
    return ((SequenceNode) node).getValue();
  }

  /** A scalar as the text written, whatever YAML would resolve it to; not null, not empty. */
  String text(Node node, String field) throws ChecksFileException {
    if (!(node instanceof ScalarNode) || node.getTag().equals(Tag.NULL)) {
      throw error(node, field + " must be text");
    }
    String value = ((ScalarNode) node).getValue();
    if (value.isEmpty()) {
      throw error(node, field + " must not be empty: \"\"");
    }
    return value;
  }

  List<String> textList(Node node, String field) throws ChecksFileException {
    List<String> values = new ArrayList<>();
    for (Node item : sequence(node, field)) {
      values.add(text(item, field + " item"));
    }
    return values;
  }

  boolean bool(Node node, String field) throws ChecksFileException {
    if (node instanceof ScalarNode && node.getTag().equals(Tag.BOOL)) {
      return Boolean.parseBoolean(((ScalarNode) node).getValue().toLowerCase(java.util.Locale.ROOT));
    }
    throw error(node, field + " must be true or false: " + shown(node));
  }

  int port(Node node, String field) throws ChecksFileException {
    if (node instanceof ScalarNode) {
      String value = ((ScalarNode) node).getValue();
      if (value.matches("\\d{1,5}") && Integer.parseInt(value) >= 1
          && Integer.parseInt(value) <= 65535) {
        return Integer.parseInt(value);
      }
    }
    throw error(node, field + " must be a number from 1 to 65535: " + shown(node));
  }

  /**
   * A positive duration in Prometheus' notation: a sequence of {@code <number><unit>} with units
   * {@code d, h, m, s, ms} in that order, such as {@code 30s}, {@code 1m30s} or {@code 500ms}.
   */
  Duration duration(Node node, String field) throws ChecksFileException {
    Duration parsed = node instanceof ScalarNode ? parseDuration(((ScalarNode) node).getValue()) : null;
    if (parsed == null || parsed.isZero()) {
      throw error(
          node, field + " must be a positive duration such as 30s, 1m30s or 500ms: " + shown(node));
    }
    return parsed;
  }

  /** A duration in Prometheus' notation, or null when the text is not one. */
  static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text);
    if (text.isEmpty() || !m.matches()) {
      return null;
    }
    long[] millisPerUnit = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
    long millis = 0;
    try {
      for (int group = 1; group <= 5; group++) {
        String amount = m.group(group);
        if (amount != null) {
          millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(amount),
              millisPerUnit[group - 1]));
        }
      }
    } catch (NumberFormatException | ArithmeticException tooLarge) {
      return null;
    }
    return Duration.ofMillis(millis);
  }

  /** A value as a message shows it: a scalar quoted and shortened, else its kind. */
  static String shown(Node node) {
    if (node instanceof ScalarNode) {
      return Messages.quote(((ScalarNode) node).getValue());
    }
    return node instanceof MappingNode ? "a mapping" : "a list";
  }
}

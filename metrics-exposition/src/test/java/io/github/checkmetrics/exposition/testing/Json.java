package io.github.checkmetrics.exposition.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A minimal JSON reader for the responses of the Prometheus HTTP API, so that tests need no JSON
 * library.
 *
 * <p>Objects become unmodifiable {@code Map<String, Object>} in document order, arrays unmodifiable
 * {@code List<Object>}, strings {@code String}, {@code true}/{@code false} {@code Boolean},
 * {@code null} {@code null}, and numbers {@code Long} when they are integers that fit, else
 * {@code Double}. Follows <a href="https://www.rfc-editor.org/rfc/rfc8259">RFC 8259</a>; a
 * duplicate key keeps its last value.
 *
 * <pre>{@code
 * Map<String, Object> response = Json.parseObject("{\"status\":\"success\",\"data\":[1,2.5]}");
 * List<Object> data = Json.list(response.get("data"));
 * }</pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class Json {

  private final String text;
  private int position;

  private Json(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON value that spans the whole text (surrounding whitespace allowed).
   *
   * @param text the JSON document
   * @return the value: a Map, List, String, Long, Double, Boolean or null
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException if the text is not valid JSON; the message gives the
   *     0-based character position and what was expected there
   */
  public static Object parse(String text) {
    Objects.requireNonNull(text, "text");
    Json parser = new Json(text);
    parser.skipWhitespace();
    Object value = parser.readValue();
    parser.skipWhitespace();
    if (parser.position < text.length()) {
      throw parser.error("end of input");
    }
    return value;
  }

  /**
   * Parses a JSON document whose top-level value is an object.
   *
   * @param text the JSON document
   * @return the object as an unmodifiable map
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException if the text is not valid JSON or not an object
   */
  public static Map<String, Object> parseObject(String text) {
    return map(parse(text));
  }

  /**
   * Casts a parsed value to a JSON object.
   *
   * @param value a value returned by this reader
   * @return the value as a map
   * @throws IllegalArgumentException if the value is not a JSON object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("JSON value must be an object: " + value);
    }
    return (Map<String, Object>) value;
  }

  /**
   * Casts a parsed value to a JSON array.
   *
   * @param value a value returned by this reader
   * @return the value as a list
   * @throws IllegalArgumentException if the value is not a JSON array
   */
  @SuppressWarnings("unchecked")
  public static List<Object> list(Object value) {
    if (!(value instanceof List)) {
      throw new IllegalArgumentException("JSON value must be an array: " + value);
    }
    return (List<Object>) value;
  }

  /**
   * Reads a JSON object whose values are all strings, such as a Prometheus label set.
   *
   * @param value a value returned by this reader; null reads as an empty map
   * @return an unmodifiable map of the object's members
   * @throws IllegalArgumentException if the value is not an object of strings
   */
  public static Map<String, String> stringMap(Object value) {
    if (value == null) {
      return Map.of();
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : map(value).entrySet()) {
      if (!(entry.getValue() instanceof String)) {
        throw new IllegalArgumentException(
            "JSON member \"" + entry.getKey() + "\" must be a string: " + entry.getValue());
      }
      result.put(entry.getKey(), (String) entry.getValue());
    }
    return Collections.unmodifiableMap(result);
  }

  private Object readValue() {
    if (position >= text.length()) {
      throw error("a value");
    }
    char c = text.charAt(position);
    switch (c) {
      case '{':
        return readObject();
      case '[':
        return readArray();
      case '"':
        return readString();
      case 't':
        return readLiteral("true", Boolean.TRUE);
      case 'f':
        return readLiteral("false", Boolean.FALSE);
      case 'n':
        return readLiteral("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return readNumber();
        }
        throw error("a value");
    }
  }

  private Map<String, Object> readObject() {
    position++; // '{'
    Map<String, Object> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      position++;
      return Collections.unmodifiableMap(members);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("'\"' starting a member name");
      }
      String key = readString();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      members.put(key, readValue());
      skipWhitespace();
      if (peek() == ',') {
        position++;
      } else if (peek() == '}') {
        position++;
        return Collections.unmodifiableMap(members);
      } else {
        throw error("',' or '}'");
      }
    }
  }

  private List<Object> readArray() {
    position++; // '['
    List<Object> elements = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      position++;
      return Collections.unmodifiableList(elements);
    }
    while (true) {
      skipWhitespace();
      elements.add(readValue());
      skipWhitespace();
      if (peek() == ',') {
        position++;
      } else if (peek() == ']') {
        position++;
        return Collections.unmodifiableList(elements);
      } else {
        throw error("',' or ']'");
      }
    }
  }

  private String readString() {
    position++; // opening quote
    StringBuilder result = new StringBuilder();
    while (true) {
      if (position >= text.length()) {
        throw error("'\"' closing the string");
      }
      char c = text.charAt(position);
      if (c == '"') {
        position++;
        return result.toString();
      }
      if (c < 0x20) {
        throw error("an escaped control character");
      }
      if (c != '\\') {
        result.append(c);
        position++;
        continue;
      }
      position++; // backslash
      char escaped = peek();
      switch (escaped) {
        case '"': case '\\': case '/':
          result.append(escaped);
          break;
        case 'b':
          result.append('\b');
          break;
        case 'f':
          result.append('\f');
          break;
        case 'n':
          result.append('\n');
          break;
        case 'r':
          result.append('\r');
          break;
        case 't':
          result.append('\t');
          break;
        case 'u':
          result.append(readHexEscape());
          continue;
        default:
          throw error("an escape character (one of \"\\/bfnrtu)");
      }
      position++;
    }
  }

  private char readHexEscape() {
    position++; // 'u'
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(peek(), 16);
      if (digit < 0) {
        throw error("a hexadecimal digit");
      }
      value = value * 16 + digit;
      position++;
    }
    return (char) value;
  }

  private Object readNumber() {
    int start = position;
    boolean integer = true;
    if (peek() == '-') {
      position++;
    }
    if (peek() == '0') {
      position++;
    } else {
      readDigits();
    }
    if (peek() == '.') {
      integer = false;
      position++;
      readDigits();
    }
    if (peek() == 'e' || peek() == 'E') {
      integer = false;
      position++;
      if (peek() == '+' || peek() == '-') {
        position++;
      }
      readDigits();
    }
    String number = text.substring(start, position);
    if (integer) {
      try {
        return Long.parseLong(number);
      } catch (NumberFormatException tooLarge) {
        // Falls through: an integer beyond the range of long is kept as a double.
      }
    }
    return Double.parseDouble(number);
  }

  private void readDigits() {
    if (!isDigit(peek())) {
      throw error("a digit");
    }
    while (isDigit(peek())) {
      position++;
    }
  }

  private Object readLiteral(String literal, Object value) {
    if (!text.startsWith(literal, position)) {
      throw error("a value");
    }
    position += literal.length();
    return value;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("'" + c + "'");
    }
    position++;
  }

  private void skipWhitespace() {
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      position++;
    }
  }

  /** The current character, or NUL at the end (never valid where a check uses it). */
  private char peek() {
    return position < text.length() ? text.charAt(position) : '\0';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private IllegalArgumentException error(String expected) {
    String found = position < text.length()
        ? "'" + text.charAt(position) + "'"
        : "end of input";
    return new IllegalArgumentException(
        "malformed JSON at position " + position + ": expected " + expected
            + " but found " + found);
  }
}

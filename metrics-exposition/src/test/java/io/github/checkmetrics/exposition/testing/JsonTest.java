package io.github.checkmetrics.exposition.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {

  @Test
  void parseShouldReadNestedObjectsAndArraysInDocumentOrder() {
    Map<String, Object> value = Json.parseObject(
        " {\"status\" : \"success\", \"data\": {\"z\": [1, [true, false, null], {}], \"a\": []}}\n");

    assertThat(value).containsExactly(
        Map.entry("status", "success"),
        Map.entry("data", Map.of("z", Arrays.asList(1L, Arrays.asList(true, false, null), Map.of()),
            "a", List.of())));
    assertThat(Json.map(value.get("data")).keySet()).containsExactly("z", "a");
  }

  @Test
  void parseShouldDecodeEveryEscape() {
    Object value = Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00 \\u0041\"");

    assertThat(value).isEqualTo("q\" b\\ s/ \b\f\n\r\t \u00e9 \ud83d\ude00 A");
  }

  @Test
  void parseShouldReadIntegersAsLongAndOtherNumbersAsDouble() {
    Object value = Json.parse(
        "[0, -1, 42, 1.5, -0.25, 1e3, 2.5E-3, -1E+2, 9223372036854775807, 9223372036854775808]");

    assertThat(Json.list(value)).containsExactly(0L, -1L, 42L, 1.5, -0.25, 1000.0, 0.0025, -100.0,
        Long.MAX_VALUE, 9.223372036854775808E18);
  }

  @Test
  void parsedContainersShouldBeUnmodifiable() {
    Map<String, Object> value = Json.parseObject("{\"a\": [1]}");

    assertThatThrownBy(() -> value.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> Json.list(value.get("a")).add(2))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void parseWithDuplicateKeyShouldKeepTheLastValue() {
    assertThat(Json.parseObject("{\"a\": 1, \"a\": 2}")).containsExactly(Map.entry("a", 2L));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("", "malformed JSON at position 0: expected a value but found end of input"),
        Arguments.of("   ", "malformed JSON at position 3: expected a value but found end of input"),
        Arguments.of("{\"a\" 1}", "malformed JSON at position 5: expected ':' but found '1'"),
        Arguments.of("{1: 2}",
            "malformed JSON at position 1: expected '\"' starting a member name but found '1'"),
        Arguments.of("{\"a\": 1,}",
            "malformed JSON at position 8: expected '\"' starting a member name but found '}'"),
        Arguments.of("{\"a\": 1", "malformed JSON at position 7: expected ',' or '}' but found end of input"),
        Arguments.of("[1,]", "malformed JSON at position 3: expected a value but found ']'"),
        Arguments.of("[1 2]", "malformed JSON at position 3: expected ',' or ']' but found '2'"),
        Arguments.of("\"abc", "malformed JSON at position 4: expected '\"' closing the string but found end of input"),
        Arguments.of("\"a\tb\"",
            "malformed JSON at position 2: expected an escaped control character but found '\t'"),
        Arguments.of("\"\\x\"",
            "malformed JSON at position 2: expected an escape character (one of \"\\/bfnrtu) but found 'x'"),
        Arguments.of("\"\\u12g4\"", "malformed JSON at position 5: expected a hexadecimal digit but found 'g'"),
        Arguments.of("01", "malformed JSON at position 1: expected end of input but found '1'"),
        Arguments.of("-", "malformed JSON at position 1: expected a digit but found end of input"),
        Arguments.of("1.", "malformed JSON at position 2: expected a digit but found end of input"),
        Arguments.of("1e", "malformed JSON at position 2: expected a digit but found end of input"),
        Arguments.of("+1", "malformed JSON at position 0: expected a value but found '+'"),
        Arguments.of("tru", "malformed JSON at position 0: expected a value but found 't'"),
        Arguments.of("NaN", "malformed JSON at position 0: expected a value but found 'N'"),
        Arguments.of("[1] x", "malformed JSON at position 4: expected end of input but found 'x'"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void parseWithMalformedJsonShouldThrowWithPosition(String text, String message) {
    assertThatThrownBy(() -> Json.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void parseWithNullShouldThrow() {
    assertThatThrownBy(() -> Json.parse(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("text");
  }

  @Test
  void castsShouldRejectOtherKindsOfValue() {
    assertThatThrownBy(() -> Json.map(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("JSON value must be an object: []");
    assertThatThrownBy(() -> Json.list("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("JSON value must be an array: x");
    assertThatThrownBy(() -> Json.stringMap(Json.parse("{\"job\": 1}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("JSON member \"job\" must be a string: 1");
  }

  @Test
  void stringMapShouldReadLabelSetsAndNullAsEmpty() {
    assertThat(Json.stringMap(Json.parse("{\"job\": \"app\", \"instance\": \"127.0.0.1:1\"}")))
        .containsExactly(Map.entry("job", "app"), Map.entry("instance", "127.0.0.1:1"));
    assertThat(Json.stringMap(null)).isEmpty();
  }
}

package io.github.checkmetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckTest {

  static Stream<Arguments> idFromCases() {
    return Stream.of(
        Arguments.of("db", "db"),
        Arguments.of("orders db", "orders_db"),
        Arguments.of("orders/db.primary:5432", "orders_db.primary:5432"),
        Arguments.of("caf\u00e9-api", "caf_-api"),
        Arguments.of("", "_"),
        Arguments.of("a".repeat(200), "a".repeat(128)));
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @MethodSource("idFromCases")
  void idFromShouldGiveALegalId(String text, String id) {
    assertThat(Check.idFrom(text)).isEqualTo(id);
    assertThat(Check.builder(Check.idFrom(text)).build().id()).isEqualTo(id);
  }

  @Test
  void builderShouldApplyDefaults() {
    Check check = Check.builder("db").build();

    assertThat(check.id()).isEqualTo("db");
    assertThat(check.name()).isEqualTo("db");
    assertThat(check.type()).isEqualTo("api");
    assertThat(check.tags()).isEmpty();
    assertThat(check.muted()).isFalse();
    assertThat(check.activated()).isTrue();
  }

  @Test
  void tagsShouldBeSortedJoinedAndUnmodifiable() {
    Check check = Check.builder("a").tags("public", "alerts", "public").build();

    assertThat(check.joinedTags()).isEqualTo("alerts,public");
    assertThatThrownBy(() -> check.tags().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toBuilderShouldCopyEveryField() {
    Check check =
        Check.builder("a").name("A").type("tcp").tags("t").muted(true).activated(false).build();

    assertThat(check.toBuilder().build()).isEqualTo(check).hasSameHashCodeAs(check);
    assertThat(check.toBuilder().muted(false).build()).isNotEqualTo(check);
  }

  static Stream<Arguments> invalidChecks() {
    String longName = "n".repeat(257);
    return Stream.of(
        invalid(b -> Check.builder(null), NullPointerException.class, "id"),
        invalid(b -> Check.builder(""), IllegalArgumentException.class,
            "check id must match [a-zA-Z0-9_.:-]{1,128}: \"\""),
        invalid(b -> Check.builder("a b"), IllegalArgumentException.class,
            "check id must match [a-zA-Z0-9_.:-]{1,128}: \"a b\""),
        invalid(b -> Check.builder("x".repeat(129)), IllegalArgumentException.class,
            "check id must match [a-zA-Z0-9_.:-]{1,128}: \"" + "x".repeat(64) + "...\""),
        invalid(b -> b.name(null), NullPointerException.class, "name"),
        invalid(b -> b.name(""), IllegalArgumentException.class,
            "check name must be 1 to 256 characters long: \"\""),
        invalid(b -> b.name(longName), IllegalArgumentException.class,
            "check name must be 1 to 256 characters long: \"" + "n".repeat(64) + "...\""),
        invalid(b -> b.type(null), NullPointerException.class, "type"),
        invalid(b -> b.type(""), IllegalArgumentException.class,
            "check type must match [a-zA-Z0-9_.:-]{1,64}: \"\""),
        invalid(b -> b.type("web page"), IllegalArgumentException.class,
            "check type must match [a-zA-Z0-9_.:-]{1,64}: \"web page\""),
        invalid(b -> b.type("t".repeat(65)), IllegalArgumentException.class,
            "check type must match [a-zA-Z0-9_.:-]{1,64}: \"" + "t".repeat(64) + "...\""),
        invalid(b -> b.tags((String[]) null), NullPointerException.class, "tags"),
        invalid(b -> b.tags((List<String>) null), NullPointerException.class, "tags"),
        invalid(b -> b.tags("ok", null), NullPointerException.class, "tag"),
        invalid(b -> b.tags("a,b"), IllegalArgumentException.class,
            "tag must not contain ',': \"a,b\""),
        invalid(b -> b.tags("team:"), IllegalArgumentException.class,
            "tag must not end with ':' (a key:value tag needs a value): \"team:\""),
        invalid(b -> b.tags("team:\uDC00x"), IllegalArgumentException.class,
            "tag must not contain a lone UTF-16 surrogate at index 5"),
        invalid(b -> b.name("half \uD83D emoji"), IllegalArgumentException.class,
            "check name must not contain a lone UTF-16 surrogate at index 5"),
        invalid(b -> b.name("\uDE00"), IllegalArgumentException.class,
            "check name must not contain a lone UTF-16 surrogate at index 0"),
        invalid(b -> b.tags("end\uD83D"), IllegalArgumentException.class,
            "tag must not contain a lone UTF-16 surrogate at index 3"),
        invalid(b -> b.tags(""), IllegalArgumentException.class,
            "tag must be 1 to 128 characters long: \"\""));
  }

  private static Arguments invalid(
      Consumer<Check.Builder> action, Class<? extends Exception> type, String message) {
    return Arguments.of(action, type, message);
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("invalidChecks")
  void invalidInputShouldFailWithExactMessage(
      Consumer<Check.Builder> action, Class<? extends Exception> type, String message) {
    Check.Builder builder = Check.builder("valid");
    assertThatThrownBy(() -> action.accept(builder)).isInstanceOf(type).hasMessage(message);
  }

  @Test
  void pairedSurrogatesShouldBeAccepted() {
    assertThat(Check.builder("a").name("ok \uD83D\uDE00").build().name()).endsWith("\uD83D\uDE00");
  }

  @Test
  void failedTagsShouldKeepThePreviousTags() {
    Check.Builder builder = Check.builder("a").tags("kept");
    assertThatThrownBy(() -> builder.tags("fine", "bad,tag"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(builder.build().tags()).containsExactly("kept");
  }
}

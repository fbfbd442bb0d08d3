package io.github.checkmetrics.exposition;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The parameters of a scrape's query string: {@code format} and {@code name[]}; any other parameter
 * is ignored, as Prometheus scrape configurations may add their own {@code params}.
 */
final class ScrapeQuery {

  private static final String SUPPORTED_FORMATS =
      Arrays.stream(ExpositionFormat.values())
          .map(ExpositionFormat::queryValue)
          .collect(Collectors.joining(", "));

  private final String format;
  private final Set<String> names;

  private ScrapeQuery(String format, Set<String> names) {
    this.format = format;
    this.names = names;
  }

  /**
   * Parses a raw query string.
   *
   * @param rawQuery the percent-encoded query without {@code ?}, or null
   * @param maxLength the most characters accepted
   * @param maxParameters the most parameters accepted
   * @return the parsed query
   * @throws Rejection with status 400 when a bound is exceeded or the query is malformed
   */
  static ScrapeQuery parse(String rawQuery, int maxLength, int maxParameters) throws Rejection {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return new ScrapeQuery(null, Collections.emptySet());
    }
    if (rawQuery.length() > maxLength) {
      throw new Rejection(
          400,
          "query length must be <= " + maxLength + " characters: " + rawQuery.length());
    }
    List<String> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&", -1)) {
      if (!pair.isEmpty()) {
        pairs.add(pair);
      }
    }
    if (pairs.size() > maxParameters) {
      throw new Rejection(
          400, "query parameter count must be <= " + maxParameters + ": " + pairs.size());
    }
    String format = null;
    Set<String> names = new HashSet<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (key.equals("format")) {
        if (format != null) {
          throw new Rejection(400, "format must be given at most once: \"" + value + "\"");
        }
        format = value;
      } else if (key.equals("name[]")) {
        if (value.isEmpty()) {
          throw new Rejection(400, "name[] must be a non-empty metric name: \"\"");
        }
        names.add(value);
      }
    }
    return new ScrapeQuery(format, Collections.unmodifiableSet(names));
  }

  /**
   * The format the query asks for.
   *
   * @return the format, or null when the query has no {@code format} parameter
   * @throws Rejection with status 406 naming the supported values for an unknown value
   */
  ExpositionFormat format() throws Rejection {
    if (format == null) {
      return null;
    }
    Optional<ExpositionFormat> named = ExpositionFormat.fromQueryValue(format);
    if (named.isEmpty()) {
      throw new Rejection(
          406, "format must be one of " + SUPPORTED_FORMATS + ": \"" + format + "\"");
    }
    return named.get();
  }

  /**
   * The families to write.
   *
   * @return null for all of them; otherwise {@link ExpositionWriter#familyNames}{@code (names)}:
   *     {@code check_runs} and {@code check_runs_total} both select the counter family
   */
  /** The {@code name[]} values, empty for every family; unmodifiable. */
  Set<String> names() {
    return names;
  }

  Predicate<String> familyFilter() {
    return names.isEmpty() ? null : ExpositionWriter.familyNames(names);
  }

  private static String decode(String s) throws Rejection {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new Rejection(400, "query must be valid percent-encoding: \"" + s + "\"");
    }
  }

  /** A request the handler answers with a client error instead of metrics. */
  static final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    Rejection(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}

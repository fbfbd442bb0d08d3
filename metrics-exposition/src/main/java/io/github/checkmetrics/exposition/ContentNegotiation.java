package io.github.checkmetrics.exposition;

import io.prometheus.metrics.config.EscapingScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads {@code Accept} and {@code Accept-Encoding} the way RFC 9110 section 12.5 describes, q-values
 * included: client_java's {@code ExpositionFormats.findWriter} takes the first format it recognises
 * anywhere in the header, so {@code application/openmetrics-text;q=0.1, text/plain;q=0.9} would get
 * OpenMetrics there and gets text here.
 *
 * <p>Lenient by design: an element that does not parse is skipped, never an error, and when nothing
 * acceptable remains the answer is the Prometheus text format 0.0.4, which every scraper reads.
 *
 * <p>Metric and label names outside the legacy character set are escaped as the chosen media range's
 * {@code escaping} parameter says ({@code allow-utf-8}, {@code underscores}, {@code dots}, {@code
 * values}: client_java's {@link EscapingScheme}), {@code underscores} when it has none or an unknown
 * one, and always for text 0.0.4 and OpenMetrics 0.0.1, which cannot carry other names. Only the
 * chosen range counts (client_java's {@code EscapingScheme.fromAcceptHeader} takes the first {@code
 * escaping} anywhere in the header). The {@code Content-Type} of the 1.0.0 text formats names the
 * scheme, as the <a href="https://prometheus.io/docs/instrumenting/content_negotiation/">content
 * negotiation specification</a> asks.
 */
final class ContentNegotiation {

  private static final Pattern QVALUE = Pattern.compile("0(\\.\\d{0,3})?|1(\\.0{0,3})?");
  private static final String PROTOBUF_PROTO = "io.prometheus.client.MetricFamily";
  private static final String TEXT_1_0_0 = "text/plain; version=1.0.0; charset=utf-8";

  private ContentNegotiation() {}

  /**
   * The format to answer with.
   *
   * @param acceptHeaders every {@code Accept} header line of the request, possibly none
   * @return the format with the highest q-value; ties go to the range listed first; the Prometheus
   *     text format when no range accepts a format
   */
  static ExpositionFormat format(List<String> acceptHeaders) {
    return negotiate(acceptHeaders).format();
  }

  /**
   * The format, the escaping of names and the {@code Content-Type} to answer with.
   *
   * @param acceptHeaders every {@code Accept} header line of the request, possibly none
   * @return see {@link #format(List)} for the format; the escaping of the range that chose it
   */
  static Negotiated negotiate(List<String> acceptHeaders) {
    ExpositionFormat best = ExpositionFormat.PROMETHEUS_TEXT;
    Match bestMatch = null;
    List<MediaRange> ranges = parse(acceptHeaders);
    for (ExpositionFormat format : ExpositionFormat.values()) {
      Match match = bestRange(ranges, format);
      if (match == null || match.q <= 0) {
        continue;
      }
      if (bestMatch == null
          || match.q > bestMatch.q
          || (match.q == bestMatch.q && match.position < bestMatch.position)) {
        best = format;
        bestMatch = match;
      }
    }
    return bestMatch == null ? forFormat(best) : answer(best, bestMatch.range);
  }

  /**
   * What a scrape that named its format ({@code ?format=}) gets: names escaped with {@code
   * underscores}, which every reader of the format accepts.
   *
   * @param format the format named
   * @return the format, {@link EscapingScheme#UNDERSCORE_ESCAPING} and its {@code Content-Type}
   */
  static Negotiated forFormat(ExpositionFormat format) {
    return answer(format, null);
  }

  private static Negotiated answer(ExpositionFormat format, MediaRange range) {
    String version = range == null ? null : range.parameter("version");
    switch (format) {
      case OPENMETRICS:
        EscapingScheme scheme = "0.0.1".equals(version) ? EscapingScheme.DEFAULT : escaping(range);
        return new Negotiated(format, scheme, format.contentType() + scheme.toHeaderFormat());
      case PROTOBUF:
        return new Negotiated(format, escaping(range), format.contentType());
      default:
        if (range != null && range.type.equals("text/plain") && "1.0.0".equals(version)) {
          EscapingScheme text = escaping(range);
          return new Negotiated(format, text, TEXT_1_0_0 + text.toHeaderFormat());
        }
        return new Negotiated(format, EscapingScheme.DEFAULT, format.contentType());
    }
  }

  /** The range's {@code escaping} when client_java knows it, else client_java's default. */
  private static EscapingScheme escaping(MediaRange range) {
    String value = range == null ? null : range.parameter("escaping");
    for (EscapingScheme scheme : EscapingScheme.values()) {
      if (scheme.getValue().equals(value)) {
        return scheme;
      }
    }
    return EscapingScheme.DEFAULT;
  }

  /**
   * Whether the response may be gzip-compressed.
   *
   * @param acceptEncodingHeaders every {@code Accept-Encoding} header line, possibly none
   * @return true when {@code gzip} (or {@code x-gzip}) has a q-value above 0, or when it is not named
   *     and {@code *} has a q-value above 0
   */
  static boolean gzip(List<String> acceptEncodingHeaders) {
    Double gzip = null;
    Double any = null;
    for (MediaRange coding : parse(acceptEncodingHeaders)) {
      if (coding.type.equals("gzip") || coding.type.equals("x-gzip")) {
        gzip = gzip == null ? coding.q : Math.max(gzip, coding.q);
      } else if (coding.type.equals("*")) {
        any = any == null ? coding.q : Math.max(any, coding.q);
      }
    }
    if (gzip != null) {
      return gzip > 0;
    }
    return any != null && any > 0;
  }

  /** The most specific range that covers {@code format}, or null when none does. */
  private static Match bestRange(List<MediaRange> ranges, ExpositionFormat format) {
    Match best = null;
    for (int i = 0; i < ranges.size(); i++) {
      int specificity = specificity(ranges.get(i), format);
      MediaRange range = ranges.get(i);
      // Among equally specific ranges the higher q counts: text/plain;version=1.0.0;q=0.4 and
      // text/plain;version=0.0.4;q=0.3 both name the text format.
      if (specificity >= 0
          && (best == null
              || specificity > best.specificity
              || (specificity == best.specificity && range.q > best.q))) {
        best = new Match(range, i, specificity);
      }
    }
    return best;
  }

  /**
   * How precisely {@code range} names {@code format}: 2 for the exact type, 1 for {@code text/*}, 0
   * for {@code *}{@code /*}, -1 when it does not cover it. Wildcards stand for the text format only:
   * a client that wants OpenMetrics or protobuf names it.
   */
  private static int specificity(MediaRange range, ExpositionFormat format) {
    switch (format) {
      case OPENMETRICS:
        return range.type.equals("application/openmetrics-text")
                && versionIsOneOf(range, "1.0.0", "0.0.1")
            ? 2
            : -1;
      case PROTOBUF:
        return range.type.equals("application/vnd.google.protobuf")
                && PROTOBUF_PROTO.equals(range.parameter("proto"))
                && (range.parameter("encoding") == null
                    || "delimited".equals(range.parameter("encoding")))
            ? 2
            : -1;
      default:
        if (range.type.equals("text/plain") && versionIsOneOf(range, "0.0.4", "1.0.0")) {
          return 2;
        }
        if (range.type.equals("text/*")) {
          return 1;
        }
        return range.type.equals("*/*") ? 0 : -1;
    }
  }

  private static boolean versionIsOneOf(MediaRange range, String... versions) {
    String version = range.parameter("version");
    if (version == null) {
      return true;
    }
    for (String v : versions) {
      if (v.equals(version)) {
        return true;
      }
    }
    return false;
  }

  /** Parses comma-separated elements of the form {@code token;name=value;q=0.5}. */
  private static List<MediaRange> parse(List<String> headers) {
    List<MediaRange> result = new ArrayList<>();
    for (String header : headers) {
      if (header == null) {
        continue;
      }
      for (String element : splitOutsideQuotes(header, ',')) {
        MediaRange range = MediaRange.parse(element);
        if (range != null) {
          result.add(range);
        }
      }
    }
    return result;
  }

  static List<String> splitOutsideQuotes(String s, char separator) {
    List<String> parts = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && quoted) {
        i++;
      } else if (c == separator && !quoted) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }

  /**
   * The outcome of negotiation.
   *
   * @param format the exposition format
   * @param escaping how names outside the legacy character set are written
   * @param contentType the response's {@code Content-Type}, with {@code escaping} for the 1.0.0
   *     text formats
   */
  record Negotiated(ExpositionFormat format, EscapingScheme escaping, String contentType) {}

  private static final class Match {
    final MediaRange range;
    final double q;
    final int position;
    final int specificity;

    Match(MediaRange range, int position, int specificity) {
      this.range = range;
      this.q = range.q;
      this.position = position;
      this.specificity = specificity;
    }
  }

  private static final class MediaRange {
    final String type;
    final double q;
    private final List<String[]> parameters;

    private MediaRange(String type, double q, List<String[]> parameters) {
      this.type = type;
      this.q = q;
      this.parameters = parameters;
    }

    /** Null when the element is empty or malformed (a bad q-value included). */
    static MediaRange parse(String element) {
      List<String> parts = splitOutsideQuotes(element, ';');
      String type = parts.get(0).trim().toLowerCase(Locale.ROOT);
      if (type.isEmpty()) {
        return null;
      }
      double q = 1;
      List<String[]> parameters = new ArrayList<>();
      for (int i = 1; i < parts.size(); i++) {
        String part = parts.get(i);
        int eq = part.indexOf('=');
        if (eq <= 0) {
          return null;
        }
        String name = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = unquote(part.substring(eq + 1).trim());
        if (name.equals("q")) {
          if (!QVALUE.matcher(value).matches()) {
            return null;
          }
          q = Double.parseDouble(value);
        } else {
          parameters.add(new String[] {name, value});
        }
      }
      return new MediaRange(type, q, parameters);
    }

    String parameter(String name) {
      for (String[] parameter : parameters) {
        if (parameter[0].equals(name)) {
          return parameter[1];
        }
      }
      return null;
    }

    private static String unquote(String value) {
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        return value.substring(1, value.length() - 1).replace("\\", "");
      }
      return value;
    }
  }
}

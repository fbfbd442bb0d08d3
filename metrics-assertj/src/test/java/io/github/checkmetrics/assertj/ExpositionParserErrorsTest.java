package io.github.checkmetrics.assertj;

import static io.github.checkmetrics.exposition.ExpositionFormat.OPENMETRICS;
import static io.github.checkmetrics.exposition.ExpositionFormat.PROMETHEUS_TEXT;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.checkmetrics.exposition.ExpositionFormat;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExpositionParserErrorsTest {

  static Stream<Arguments> malformed() {
    return Stream.of(
        // --- both formats: names
        arguments(PROMETHEUS_TEXT, "9lives 1\n", 1, "metric name must match [a-zA-Z_:][a-zA-Z0-9_:]*: \"9lives\""),
        arguments(PROMETHEUS_TEXT, "a-b 1\n", 1, "metric name must match [a-zA-Z_:][a-zA-Z0-9_:]*: \"a-b\""),
        arguments(OPENMETRICS, "a.b{x=\"1\"} 1\n# EOF\n", 1, "metric name must match [a-zA-Z_:][a-zA-Z0-9_:]*: \"a.b\""),
        arguments(PROMETHEUS_TEXT, "{a=\"b\"} 1\n", 1, "expected a quoted metric name after \"{\", found \"a\""),
        // --- quoted UTF-8 names (Prometheus 3, escaping=allow-utf-8)
        arguments(OPENMETRICS, "{\"\"} 1\n# EOF\n", 1, "a quoted metric name must not be empty"),
        arguments(OPENMETRICS, "{\"my.gauge} 1\n# EOF\n", 1, "the quoted metric name is missing its closing '\"'"),
        arguments(OPENMETRICS, "{\"my.gauge\" x=\"1\"} 1\n# EOF\n", 1,
            "expected \",\" or \"}\" after the quoted metric name \"my.gauge\", found \" \""),
        arguments(OPENMETRICS, "{\"my.gauge\",} 1\n# EOF\n", 1, "a label set must not end with \",\" in OpenMetrics"),
        arguments(PROMETHEUS_TEXT, "# HELP \"my.gauge\"x g\n", 1,
            "expected a space after the quoted metric name \"my.gauge\", found \"x\""),
        arguments(PROMETHEUS_TEXT, "a{\"__my.label\"=\"b\"} 1\n", 1,
            "label name must not start with __ (reserved): \"__my.label\""),
        arguments(PROMETHEUS_TEXT, "a{1x=\"b\"} 1\n", 1, "label name must match [a-zA-Z_][a-zA-Z0-9_]*: \"1x\""),
        arguments(PROMETHEUS_TEXT, "a{x.y=\"b\"} 1\n", 1, "label name must match [a-zA-Z_][a-zA-Z0-9_]*: \"x.y\""),
        arguments(OPENMETRICS, "a{=\"b\"} 1\n# EOF\n", 1, "label name must match [a-zA-Z_][a-zA-Z0-9_]*: \"\""),
        arguments(PROMETHEUS_TEXT, "a{__name__=\"b\"} 1\n", 1, "label name must not start with __ (reserved): \"__name__\""),
        arguments(OPENMETRICS, "# TYPE c counter\nc_total 1 # {__x=\"b\"} 1\n# EOF\n", 2,
            "label name must not start with __ (reserved): \"__x\""),
        // --- label sets
        arguments(PROMETHEUS_TEXT, "a{x} 1\n", 1, "expected \"=\" after label name \"x\", found \"}\""),
        arguments(PROMETHEUS_TEXT, "a{x=b} 1\n", 1, "expected '\"' to start the value of label \"x\", found \"b\""),
        arguments(PROMETHEUS_TEXT, "a{x=\"b} 1\n", 1, "the value of label \"x\" is missing its closing '\"'"),
        arguments(PROMETHEUS_TEXT, "a{x=\"b\\\"} 1\n", 1, "the value of label \"x\" is missing its closing '\"'"),
        arguments(PROMETHEUS_TEXT, "a{x=\"b\" y=\"c\"} 1\n", 1, "expected \",\" or \"}\" after the value of label \"x\", found \"y\""),
        arguments(PROMETHEUS_TEXT, "a{x=\"b\"\n", 1, "expected \",\" or \"}\" after the value of label \"x\", found end of line"),
        arguments(PROMETHEUS_TEXT, "a{x=\"1\",x=\"2\"} 1\n", 1, "duplicate label name \"x\""),
        arguments(PROMETHEUS_TEXT, "a{x=\"\\t\"} 1\n", 1,
            "invalid escape sequence \"\\\\t\" in the value of label \"x\"; Prometheus text allows only \\\\, \\\" and \\n"),
        arguments(OPENMETRICS, "a{x=\"1\",} 1\n# EOF\n", 1, "a label set must not end with \",\" in OpenMetrics"),
        arguments(OPENMETRICS, "a{x=\"1\", y=\"2\"} 1\n# EOF\n", 1, "whitespace is not allowed inside a label set in OpenMetrics"),
        arguments(OPENMETRICS, "a{x =\"1\"} 1\n# EOF\n", 1, "whitespace is not allowed inside a label set in OpenMetrics"),
        arguments(OPENMETRICS, "a{x=\"1\"}1\n# EOF\n", 1, "expected a space after the label set, found \"1\""),
        // --- values and timestamps
        arguments(PROMETHEUS_TEXT, "a\n", 1, "sample a has no value"),
        arguments(PROMETHEUS_TEXT, "a{x=\"1\"}   \n", 1, "sample a has no value"),
        arguments(OPENMETRICS, "a{x=\"1\"}\n# EOF\n", 1, "sample a has no value"),
        arguments(PROMETHEUS_TEXT, "a abc\n", 1, "value must be a number, +Inf, -Inf or NaN: \"abc\""),
        arguments(PROMETHEUS_TEXT, "a 0x1p3\n", 1, "value must be a number, +Inf, -Inf or NaN: \"0x1p3\""),
        arguments(PROMETHEUS_TEXT, "a 1_000\n", 1, "value must be a number, +Inf, -Inf or NaN: \"1_000\""),
        arguments(PROMETHEUS_TEXT, "a 1d\n", 1, "value must be a number, +Inf, -Inf or NaN: \"1d\""),
        arguments(PROMETHEUS_TEXT, "a +NaN\n", 1, "value must be a number, +Inf, -Inf or NaN: \"+NaN\""),
        arguments(PROMETHEUS_TEXT, "a 1e999\n", 1, "value must be a number, +Inf, -Inf or NaN: \"1e999\""),
        arguments(PROMETHEUS_TEXT, "a 1\r\n", 1, "carriage return (\\r) is not allowed here; lines end with \\n alone"),
        arguments(PROMETHEUS_TEXT, "a 1 1.5\n", 1, "timestamp must be an integer number of milliseconds: \"1.5\""),
        arguments(PROMETHEUS_TEXT, "a 1 99999999999999999999\n", 1, "timestamp is out of the int64 range: \"99999999999999999999\""),
        arguments(PROMETHEUS_TEXT, "a 1 2 3\n", 1, "unexpected text after the timestamp: \"3\""),
        arguments(PROMETHEUS_TEXT, "a 1 # {t=\"x\"} 1\n", 1, "exemplars are not part of Prometheus text 0.0.4: \"# {t=\\\"x\\\"} 1\""),
        arguments(OPENMETRICS, "a 1 x\n# EOF\n", 1, "timestamp must be a number of seconds: \"x\""),
        arguments(OPENMETRICS, "a 1 Inf\n# EOF\n", 1, "timestamp must be a number of seconds: \"Inf\""),
        // --- the OpenMetrics parser suite's rules (bad_* cases), with their messages
        arguments(OPENMETRICS, "# TYPE a_created gauge\n# TYPE a counter\n# EOF\n", 2,
            "counter family \"a\" may write samples named \"a_created\", the name of the family that started at line 1"),
        arguments(OPENMETRICS, "# TYPE a summary\na_sum NaN\n# EOF\n", 2, "summary a_sum must not be negative or NaN: NaN"),
        arguments(OPENMETRICS, "# TYPE a summary\na_count -1\n# EOF\n", 2, "summary a_count must not be negative or NaN: -1.0"),
        arguments(OPENMETRICS, "# TYPE a summary\na{quantile=\"0.5\"} -1\n# EOF\n", 2,
            "summary quantile a{quantile=\"0.5\"} -1.0 must not be negative"),
        arguments(OPENMETRICS, "# TYPE a gaugehistogram\na_bucket{le=\"+Inf\"} NaN\n# EOF\n", 2,
            "gaugehistogram a_bucket must not be negative or NaN: NaN"),
        arguments(OPENMETRICS, "# TYPE a gaugehistogram\na_bucket{le=\"+Inf\"} 1\na_gsum NaN\na_gcount 1\n# EOF\n", 3,
            "gaugehistogram a_gsum must not be NaN"),
        arguments(OPENMETRICS, "# TYPE a gaugehistogram\na_bucket{le=\"+Inf\"} 1\na_gsum -1\na_gcount 1\n# EOF\n", 3,
            "histogram a{} has no negative buckets, so a_gsum must not be negative: -1.0"),
        arguments(OPENMETRICS, "# TYPE a histogram\na_bucket{le=\"+INF\"} 0\n# EOF\n", 2,
            "\"le\" label must be written +Inf: \"+INF\""),
        arguments(OPENMETRICS, "# TYPE a histogram\na_bucket{le=\"-1\"} 0\na_bucket{le=\"+Inf\"} 0\na_sum 0\na_count 0\n# EOF\n", 4,
            "histogram a{} has negative buckets, so it must not have a_sum"),
        arguments(OPENMETRICS, "# HELP a \n# HELP a \n# EOF\n", 2, "second # HELP line for \"a\" (first at line 1)"),
        arguments(OPENMETRICS, "# TYPE x_u info\n# UNIT x_u u\n# EOF\n", 2, "info family \"x_u\" must not have a unit: \"u\""),
        arguments(OPENMETRICS, "# UNIT x_u u\n# TYPE x_u stateset\n# EOF\n", 2, "stateset family \"x_u\" must not have a unit: \"u\""),
        // OpenMetrics bounds neither range nor precision of timestamps (1e30 parses, see Utf8NamesTest)
        arguments(OPENMETRICS, "a 1 0x10\n# EOF\n", 1, "timestamp must be a number of seconds: \"0x10\""),
        arguments(OPENMETRICS, "a 1 2 3\n# EOF\n", 1, "unexpected text after the timestamp: \"3\""),
        // --- OpenMetrics whitespace
        arguments(OPENMETRICS, "a  1\n# EOF\n", 1, "tokens must be separated by a single space in OpenMetrics"),
        arguments(OPENMETRICS, "a\t1\n# EOF\n", 1, "expected a space, found \"\t\""),
        arguments(OPENMETRICS, "a 1 \n# EOF\n", 1, "trailing whitespace is not allowed in OpenMetrics"),
        arguments(OPENMETRICS, " a 1\n# EOF\n", 1, "a line must not start with whitespace in OpenMetrics"),
        arguments(OPENMETRICS, "a 1\n\n# EOF\n", 2, "blank lines are not allowed in OpenMetrics"),
        // --- exemplars
        arguments(OPENMETRICS, "# TYPE c counter\nc_total 1 #{a=\"b\"} 1\n# EOF\n", 2, "an exemplar must start with \"# {\": \"#{a=\\\"b\\\"} 1\""),
        arguments(OPENMETRICS, "# TYPE c counter\nc_total 1 # {a=\"b\"}\n# EOF\n", 2, "exemplar has no value"),
        arguments(OPENMETRICS, "# TYPE c counter\nc_total 1 # {a=\"b\"} x\n# EOF\n", 2, "exemplar value must be a number, +Inf, -Inf or NaN: \"x\""),
        arguments(OPENMETRICS, "# TYPE c counter\nc_total 1 # {a=\"b\"} 1 2 3\n# EOF\n", 2, "unexpected text after the exemplar: \"3\""),
        arguments(OPENMETRICS, "# TYPE g gauge\ng 1 # {a=\"b\"} 1\n# EOF\n", 2,
            "exemplars are only allowed on counter _total and histogram _bucket samples: g"),
        arguments(OPENMETRICS, "# TYPE c counter\nc_total 1 # {a=\"" + "x".repeat(128) + "\"} 1\n# EOF\n", 2,
            "exemplar labels must not exceed 128 characters: 129"),
        // --- metadata, Prometheus text
        arguments(PROMETHEUS_TEXT, "# HELP\n", 1, "# HELP line must have the form \"# HELP <name> <text>\": \"# HELP\""),
        arguments(PROMETHEUS_TEXT, "# TYPE a\n", 1, "# TYPE line must have the form \"# TYPE <name> <type>\": \"# TYPE a\""),
        arguments(PROMETHEUS_TEXT, "# TYPE a gauges\n", 1,
            "metric type must be one of counter, gauge, histogram, summary, untyped: \"gauges\""),
        arguments(PROMETHEUS_TEXT, "# TYPE a GAUGE\n", 1,
            "metric type must be one of counter, gauge, histogram, summary, untyped: \"GAUGE\""),
        arguments(PROMETHEUS_TEXT, "# TYPE a info\n", 1,
            "metric type must be one of counter, gauge, histogram, summary, untyped: \"info\""),
        arguments(PROMETHEUS_TEXT, "# HELP a x \\t\n", 1,
            "invalid escape sequence \"\\\\t\" in help text; Prometheus text allows only \\\\, \\\" and \\n"),
        arguments(PROMETHEUS_TEXT, "# HELP a x \\\n", 1, "help text must not end with a single backslash"),
        arguments(PROMETHEUS_TEXT, "# HELP a x\n# HELP a y\n", 2, "second # HELP line for \"a\" (first at line 1)"),
        arguments(PROMETHEUS_TEXT, "# TYPE a gauge\n# TYPE a counter\n", 2, "second # TYPE line for \"a\" (first at line 1)"),
        arguments(PROMETHEUS_TEXT, "a 1\n# TYPE a gauge\n", 2, "# TYPE line for \"a\" must come before its samples (first sample at line 1)"),
        arguments(PROMETHEUS_TEXT, "# TYPE a gauge\na 1\n# HELP a late\n", 3,
            "# HELP line for \"a\" must come before its samples (first sample at line 2)"),
        // --- metadata, OpenMetrics
        arguments(OPENMETRICS, "# comment\n# EOF\n", 1,
            "a line starting with \"#\" must be # TYPE, # HELP, # UNIT or # EOF in OpenMetrics: \"# comment\""),
        arguments(OPENMETRICS, "#TYPE a gauge\n# EOF\n", 1,
            "a line starting with \"#\" must be # TYPE, # HELP, # UNIT or # EOF in OpenMetrics: \"#TYPE a gauge\""),
        arguments(OPENMETRICS, "# TYPE a\n# EOF\n", 1, "# TYPE line must have the form \"# TYPE <name> <type>\": \"# TYPE a\""),
        arguments(OPENMETRICS, "# TYPE  a gauge\n# EOF\n", 1, "# TYPE line must have the form \"# TYPE <name> <type>\": \"# TYPE  a gauge\""),
        arguments(OPENMETRICS, "# HELP a\n# EOF\n", 1, "# HELP line must have the form \"# HELP <name> <text>\": \"# HELP a\""),
        arguments(OPENMETRICS, "# TYPE a untyped\n# EOF\n", 1,
            "metric type must be one of counter, gauge, histogram, gaugehistogram, stateset, info, summary, unknown: \"untyped\""),
        arguments(OPENMETRICS, "# TYPE a gauge \n# EOF\n", 1,
            "metric type must be one of counter, gauge, histogram, gaugehistogram, stateset, info, summary, unknown: \"gauge \""),
        arguments(OPENMETRICS, "# UNIT a_seconds sec onds\n# EOF\n", 1, "unit must match [a-zA-Z0-9_:]*: \"sec onds\""),
        arguments(OPENMETRICS, "# UNIT a_seconds\n# EOF\n", 1, "# UNIT line must have the form \"# UNIT <name> <unit>\": \"# UNIT a_seconds\""),
        arguments(PROMETHEUS_TEXT, "# TYPE a gauge\r\n", 1, "carriage return (\\r) is not allowed here; lines end with \\n alone"),
        arguments(OPENMETRICS, "a 1\r\n# EOF\n", 1, "carriage return (\\r) is not allowed here; lines end with \\n alone"),
        arguments(OPENMETRICS, "# TYPE a counter\n# UNIT a seconds\n# EOF\n", 2,
            "family name must end with \"_seconds\" when its unit is \"seconds\": \"a\""),
        arguments(OPENMETRICS, "# UNIT a_seconds seconds\n# UNIT a_seconds seconds\n# EOF\n", 2,
            "second # UNIT line for \"a_seconds\" (first at line 1)"),
        arguments(OPENMETRICS, "# TYPE a gauge\na 1\n# UNIT a x\n# EOF\n", 3,
            "# UNIT line for \"a\" must come before its samples (first sample at line 2)"),
        // --- structure
        arguments(PROMETHEUS_TEXT, "a 1", 1, "the last line must end with a line feed (\\n)"),
        arguments(PROMETHEUS_TEXT, "\uFEFFa 1\n", 1, "a byte order mark (U+FEFF) is not allowed"),
        arguments(OPENMETRICS, "a 1\n", 2, "an OpenMetrics exposition must end with \"# EOF\""),
        arguments(OPENMETRICS, "a 1\n# EOF\n\n", 3, "nothing may follow \"# EOF\""),
        arguments(OPENMETRICS, "# EOF\na 1\n", 2, "nothing may follow \"# EOF\""),
        arguments(OPENMETRICS, "", 1, "an OpenMetrics exposition must end with \"# EOF\""),
        arguments(PROMETHEUS_TEXT, "a{x=\"1\"} 1\nb 1\na{x=\"2\"} 1\n", 3,
            "\"a\" belongs to family \"a\", which started at line 1; families must not be interleaved"),
        arguments(PROMETHEUS_TEXT, "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nb 1\nh_count 1\n", 4,
            "\"h_count\" belongs to family \"h\", which started at line 1; families must not be interleaved"),
        arguments(PROMETHEUS_TEXT, "# TYPE a gauge\nb 1\n# HELP a late\n", 3,
            "\"a\" belongs to family \"a\", which started at line 1; families must not be interleaved"),
        arguments(PROMETHEUS_TEXT, "a{x=\"1\"} 1\na{x=\"1\"} 2\n", 2, "duplicate series a{x=\"1\"} (first at line 1)"),
        arguments(PROMETHEUS_TEXT, "a{x=\"1\"} 1 5\na{x=\"1\"} 2 6\n", 2, "duplicate series a{x=\"1\"} (first at line 1)"),
        arguments(OPENMETRICS, "a 1 6\na 2 5\n# EOF\n", 2,
            "timestamps of series a{} must not decrease: 5 after 6 (line 1)"),
        arguments(OPENMETRICS, "a{x=\"1\"} 1\na{x=\"2\"} 1\na{x=\"1\"} 1 5\n# EOF\n", 3,
            "duplicate series a{x=\"1\"} (first at line 1)"),
        arguments(OPENMETRICS, "# TYPE c counter\nc_total{x=\"1\"} 1\nc_total{x=\"2\"} 1\nc_created{x=\"1\"} 1\n# EOF\n", 4,
            "samples of series c{x=\"1\"} must not be interleaved with other series (it started at line 2)"),
        arguments(PROMETHEUS_TEXT, "# TYPE h histogram\nh 1\n", 2,
            "sample name \"h\" does not fit histogram family \"h\"; expected h_bucket, h_count or h_sum"),
        arguments(OPENMETRICS, "# TYPE c counter\nc 1\n# EOF\n", 2,
            "sample name \"c\" does not fit counter family \"c\"; expected c_total or c_created"),
        arguments(OPENMETRICS, "# TYPE i info\ni 1\n# EOF\n", 2,
            "sample name \"i\" does not fit info family \"i\"; expected i_info"),
        // --- histograms
        arguments(PROMETHEUS_TEXT, "# TYPE h histogram\nh_bucket 1\n", 2, "histogram bucket must have an \"le\" label: h_bucket 1.0"),
        arguments(PROMETHEUS_TEXT, "# TYPE h histogram\nh_bucket{le=\"x\"} 1\n", 2, "\"le\" label must be a number: \"x\""),
        arguments(PROMETHEUS_TEXT, "# TYPE h histogram\nh_bucket{le=\"NaN\"} 1\n", 2, "\"le\" label must be a number: \"NaN\""),
        arguments(PROMETHEUS_TEXT, "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"0.5\"} 1\n", 3,
            "histogram buckets must be in increasing order of \"le\": le=\"0.5\" after le=\"1\""),
        arguments(PROMETHEUS_TEXT, "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"1.0\"} 1\n", 3,
            "histogram buckets must be in increasing order of \"le\": le=\"1.0\" after le=\"1\""),
        arguments(PROMETHEUS_TEXT, "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\n", 3,
            "histogram bucket counts must not decrease: le=\"+Inf\" has 1.0 after 2.0"),
        arguments(PROMETHEUS_TEXT, "# TYPE h histogram\nh_bucket{a=\"x\",le=\"1\"} 2\nh_count{a=\"x\"} 2\n", 3,
            "histogram h{a=\"x\"} has no bucket le=\"+Inf\""),
        arguments(PROMETHEUS_TEXT, "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\nh_sum 1\n", 3,
            "histogram h{} has h_count 3.0 but its le=\"+Inf\" bucket is 2.0"),
        arguments(PROMETHEUS_TEXT, "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count{le=\"+Inf\"} 2\n", 3,
            "\"le\" label is only allowed on histogram buckets: h_count"),
        arguments(OPENMETRICS, "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\n# EOF\n", 3,
            "histogram h{} has h_sum but no h_count"),
        arguments(OPENMETRICS, "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 2\n# EOF\n", 3,
            "histogram h{} has h_count but no h_sum"),
        arguments(OPENMETRICS, "# TYPE g gaugehistogram\ng_bucket{le=\"+Inf\"} 2\ng_gsum 1\n# EOF\n", 3,
            "histogram g{} has g_gsum but no g_gcount"),
        arguments(OPENMETRICS, "# TYPE h histogram\nh_bucket{le=\"+Inf\"} -1\n# EOF\n", 2,
            "histogram h_bucket must not be negative or NaN: -1.0"),
        arguments(OPENMETRICS, "# TYPE h histogram\nh_bucket{a=\"1\",le=\"+Inf\"} 1\nh_bucket{a=\"2\",le=\"+Inf\"} 1\n"
            + "h_count{a=\"1\"} 1\n# EOF\n", 4,
            "samples of series h{a=\"1\"} must not be interleaved with other series (it started at line 2)"),
        // --- summaries, counters, info, stateset
        arguments(PROMETHEUS_TEXT, "# TYPE s summary\ns 1\n", 2, "summary quantile must have a \"quantile\" label: s 1.0"),
        arguments(PROMETHEUS_TEXT, "# TYPE s summary\ns{quantile=\"1.5\"} 1\n", 2, "\"quantile\" label must be a number between 0 and 1: \"1.5\""),
        arguments(PROMETHEUS_TEXT, "# TYPE s summary\ns{quantile=\"0.9\"} 1\ns{quantile=\"0.5\"} 1\n", 3,
            "summary quantiles must be in increasing order: quantile=\"0.5\" after quantile=\"0.9\""),
        arguments(PROMETHEUS_TEXT, "# TYPE s summary\ns_count{quantile=\"0.5\"} 1\n", 2,
            "\"quantile\" label is only allowed on summary quantiles: s_count"),
        arguments(OPENMETRICS, "# TYPE c counter\nc_total -1\n# EOF\n", 2, "counter c_total must not be negative or NaN: -1.0"),
        arguments(OPENMETRICS, "# TYPE c counter\nc_total NaN\n# EOF\n", 2, "counter c_total must not be negative or NaN: NaN"),
        arguments(OPENMETRICS, "# TYPE i info\ni_info{v=\"1\"} 2\n# EOF\n", 2, "info value must be 1: 2.0"),
        arguments(OPENMETRICS, "# TYPE s stateset\ns{x=\"a\"} 1\n# EOF\n", 2, "stateset sample must have a label named \"s\": s{x=\"a\"} 1.0"),
        arguments(OPENMETRICS, "# TYPE s stateset\ns{s=\"a\"} 2\n# EOF\n", 2, "stateset value must be 0 or 1: 2.0"));
  }

  @ParameterizedTest(name = "[{index}] {0}: line {2}: {3}")
  @MethodSource("malformed")
  void malformedInputShouldFailWithItsLineAndReason(ExpositionFormat format, String text, int line,
      String reason) {
    assertThatThrownBy(() -> Exposition.parse(text, format))
        .isInstanceOf(ExpositionParseException.class)
        .hasMessage("line " + line + ": " + reason)
        .satisfies(e -> {
          ExpositionParseException parseError = (ExpositionParseException) e;
          org.assertj.core.api.Assertions.assertThat(parseError.lineNumber()).isEqualTo(line);
          org.assertj.core.api.Assertions.assertThat(parseError.reason()).isEqualTo(reason);
        });
  }

  @Test
  void invalidUtf8ShouldFailAtItsLine() {
    byte[] text = "a 1\nb{x=\"\u00e9\"} 1\n".getBytes(StandardCharsets.UTF_8);
    byte[] broken = java.util.Arrays.copyOf(text, text.length);
    broken[10] = (byte) 0xFF; // the second byte of é

    assertThatThrownBy(() -> Exposition.parse(broken, PROMETHEUS_TEXT))
        .isInstanceOf(ExpositionParseException.class)
        .hasMessage("line 2: invalid UTF-8 at byte offset 9");
  }

  @Test
  void aLongLineShouldBeQuotedEscapedAndShortenedByTheSharedQuote() {
    String comment = "# a comment that OpenMetrics does not allow, \"quoted\", long enough to be cut off";

    assertThatThrownBy(() -> Exposition.parse(comment + "\n# EOF\n", OPENMETRICS))
        .hasMessage("line 1: a line starting with \"#\" must be # TYPE, # HELP, # UNIT or # EOF in OpenMetrics: "
            + "\"# a comment that OpenMetrics does not allow, \\\"quoted\\\", long en...\"");
  }

  static Stream<Arguments> invalidArguments() {
    return Stream.of(
        arguments((Runnable) () -> Exposition.parse((String) null), NullPointerException.class, "text"),
        arguments((Runnable) () -> Exposition.parse("", null), NullPointerException.class, "format"),
        arguments((Runnable) () -> Exposition.parse((byte[]) null, PROMETHEUS_TEXT), NullPointerException.class, "utf8"),
        arguments((Runnable) () -> Exposition.parse("", ExpositionFormat.PROTOBUF), IllegalArgumentException.class,
            "format must be PROMETHEUS_TEXT or OPENMETRICS: PROTOBUF"),
        arguments((Runnable) () -> Exposition.parse("").family(null), NullPointerException.class, "name"),
        arguments((Runnable) () -> Exposition.parse("").samples(null), NullPointerException.class, "sampleName"));
  }

  @ParameterizedTest
  @MethodSource("invalidArguments")
  void invalidArgumentsShouldThrow(Runnable call, Class<? extends Throwable> type, String message) {
    assertThatThrownBy(call::run).isInstanceOf(type).hasMessage(message);
  }
}

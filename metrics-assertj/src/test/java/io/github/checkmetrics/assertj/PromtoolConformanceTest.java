package io.github.checkmetrics.assertj;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.exposition.ExpositionFormat;
import io.github.checkmetrics.testkit.ProcessResult;
import io.github.checkmetrics.testkit.Promtool;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test against the real {@code promtool check metrics} (Prometheus's own 0.0.4 parser):
 * mutated scrapes that promtool cannot parse must not parse here either, and what this parser
 * accepts promtool parses too. This parser may reject more (it follows the specification where
 * promtool is lenient); it must never accept what Prometheus rejects.
 */
class PromtoolConformanceTest {
  private static final int MUTANTS = 150;
  private static final String[] INSERTS = {"\"", "\\", "{", "}", ",", "=", " ", "\t", "\n", "#", "a", "1", ".", "-", "é"};

  @Test
  void whatPromtoolCannotParseShouldNotParseHereAndWhatParsesHereShouldParseInPromtool() {
    Random random = new Random(7);
    List<String> disagreements = new ArrayList<>();
    int bothAccept = 0;
    int bothReject = 0;
    int onlyHereRejects = 0;
    for (int i = 0; i < MUTANTS; i++) {
      String base = new RandomRegistry(i % 40).writer.toString(ExpositionFormat.PROMETHEUS_TEXT);
      String mutant = mutate(base, random);
      ProcessResult promtool = Promtool.run(List.of("check", "metrics"), mutant);
      boolean promtoolParses = promtool.exitCode() != 1; // 1: parse error; 3: lint findings only
      String here;
      try {
        Exposition.parse(mutant, ExpositionFormat.PROMETHEUS_TEXT);
        here = null;
      } catch (ExpositionParseException e) {
        here = e.getMessage();
      }
      if (promtoolParses && here == null) {
        bothAccept++;
      } else if (!promtoolParses && here != null) {
        bothReject++;
      } else if (promtoolParses) {
        onlyHereRejects++;
      } else {
        disagreements.add("promtool rejects, parser accepts:\n" + promtool.output() + "\n" + mutant);
      }
    }

    assertThat(disagreements).isEmpty();
    assertThat(bothAccept + bothReject + onlyHereRejects).isEqualTo(MUTANTS);
    // the mutants must exercise both outcomes, or the property says nothing
    assertThat(bothAccept).isPositive();
    assertThat(bothReject).isPositive();
    System.out.printf("promtool conformance: %d mutants, both accept %d, both reject %d, only this parser rejects %d%n",
        MUTANTS, bothAccept, bothReject, onlyHereRejects);
  }

  private static String mutate(String text, Random random) {
    if (text.isEmpty()) {
      return INSERTS[random.nextInt(INSERTS.length)];
    }
    int at = random.nextInt(text.length());
    switch (random.nextInt(4)) {
      case 0: // delete a character
        return text.substring(0, at) + text.substring(at + 1);
      case 1: // insert a character
        return text.substring(0, at) + INSERTS[random.nextInt(INSERTS.length)] + text.substring(at);
      case 2: { // repeat a line
        String[] lines = text.split("\n", -1);
        int line = random.nextInt(Math.max(1, lines.length - 1));
        return text.replaceFirst(java.util.regex.Pattern.quote(lines[line] + "\n"),
            java.util.regex.Matcher.quoteReplacement(lines[line] + "\n" + lines[line] + "\n"));
      }
      default: { // replace a character
        return text.substring(0, at) + INSERTS[random.nextInt(INSERTS.length)] + text.substring(at + 1);
      }
    }
  }
}

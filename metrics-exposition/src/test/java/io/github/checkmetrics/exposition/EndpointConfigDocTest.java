package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The key table of {@code docs/configuration.md} is the one of {@link EndpointConfig}, rendered:
 * a key added to the table without its doc fails here. Run with {@code
 * -DcheckmetricsTest.updateDocs=true} to rewrite the section instead.
 */
class EndpointConfigDocTest {

  private static final Path DOC = Path.of("../docs/configuration.md");
  private static final String START = "<!-- keys: generated from EndpointConfig's key table -->\n";
  private static final String END = "<!-- end of keys -->\n";

  @Test
  void docsShouldListEveryKeyOfTheKeyTable() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int start = doc.indexOf(START);
    int end = doc.indexOf(END);
    assertThat(start).as("%s holds %s", DOC, START.strip()).isNotNegative();
    assertThat(end).as("%s holds %s", DOC, END.strip()).isGreaterThan(start);
    String rendered = table();
    if (Boolean.getBoolean("checkmetricsTest.updateDocs")) {
      doc = doc.substring(0, start + START.length()) + rendered + doc.substring(end);
      Files.writeString(DOC, doc, StandardCharsets.UTF_8);
      end = doc.indexOf(END);
    }

    assertThat(doc.substring(start + START.length(), end)).isEqualTo(rendered);
  }

  static String table() {
    StringBuilder table =
        new StringBuilder()
            .append("| system property / file key | environment variable | default | meaning |\n")
            .append("|---|---|---|---|\n");
    for (EndpointConfig.Key<?> key : EndpointConfig.KEYS) {
      table
          .append("| `").append(ConfigSources.property(key))
          .append("` | `").append(ConfigSources.variable(key))
          .append("` | ").append(shown(key.defaultValue()))
          .append(" | ").append(key.doc())
          .append(key.secret() ? " (a credential: never shown)" : "")
          .append(" |\n");
    }
    return table.toString();
  }

  private static String shown(Object value) {
    if (value instanceof Optional<?> && ((Optional<?>) value).isEmpty()
        || value instanceof Map<?, ?> && ((Map<?, ?>) value).isEmpty()) {
      return "none";
    }
    return "`" + value + "`";
  }
}

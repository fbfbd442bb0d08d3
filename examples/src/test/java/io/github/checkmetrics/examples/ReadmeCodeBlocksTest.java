package io.github.checkmetrics.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compiles every Java block of {@code README.md} and of the guides in {@code docs/} that show
 * checkmetrics code against the current API, so a renamed or removed method cannot outlive its
 * documentation. What the blocks do is proved by their twins ({@code ReadmeExampleTest},
 * {@code ReadmeSectionTest}, ...); this test proves that each block, as written, still compiles.
 *
 * <p>A block is a method body, or class members when it declares a method ({@code @Test void
 * ...}); its own {@code import} lines are kept. Names a block takes from its surroundings
 * ({@code registry}, {@code servletContext}, {@code runner}) are fields of the class it is compiled in. A block
 * that needs what {@code examples} does not have (Tomcat 9, a javax servlet) is preceded by
 * {@code <!-- not compiled: reason -->} in its page.
 */
class ReadmeCodeBlocksTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** The pages whose Java blocks are compiled. */
  private static final List<String> PAGES = List.of(
      "README.md",
      "docs/http-contract.md",
      "docs/servlet.md",
      "docs/metric-schema.md",
      "docs/configuration.md",
      "docs/expiry-and-cardinality.md",
      "docs/runner.md",
      "docs/securing-the-endpoint.md",
      "docs/testing.md",
      "docs/tenants.md");

  private static final Pattern BLOCK =
      Pattern.compile("(?s)(<!-- not compiled: [^>]*-->\\s*)?```java\\n(.*?)```");

  private static final String IMPORTS = """
      import io.github.checkmetrics.exposition.*;
      import io.github.checkmetrics.httpserver.*;
      import io.github.checkmetrics.model.*;
      import io.github.checkmetrics.runner.*;
      import io.github.checkmetrics.servlet.*;
      import io.prometheus.metrics.model.registry.PrometheusRegistry;
      import jakarta.servlet.ServletContext;
      import jakarta.servlet.ServletRegistration;
      import java.nio.file.Path;
      import java.time.Duration;
      import java.util.Map;
      import java.util.concurrent.TimeUnit;
      import org.junit.jupiter.api.Test;
      """;

  /** What the blocks take from their surroundings. */
  private static final String FIELDS = """
        PrometheusRegistry registry = new PrometheusRegistry();
        ServletContext servletContext;
        CheckRunner runner;
      """;

  record Block(String page, int line, String code) {
    @Override
    public String toString() {
      return page + ":" + line;
    }
  }

  static List<Block> blocks() throws IOException {
    List<Block> blocks = new ArrayList<>();
    for (String page : PAGES) {
      String text = Files.readString(ROOT.resolve(page), StandardCharsets.UTF_8);
      Matcher matcher = BLOCK.matcher(text);
      while (matcher.find()) {
        if (matcher.group(1) == null) {
          int line = (int) text.substring(0, matcher.start(2)).lines().count() + 1;
          blocks.add(new Block(page, line, matcher.group(2)));
        }
      }
    }
    return blocks;
  }

  @Test
  void theReadmeShouldHaveJavaBlocksToCompile() throws IOException {
    assertThat(blocks()).filteredOn(block -> block.page().equals("README.md")).hasSizeGreaterThan(4);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blocks")
  void blockShouldCompileAgainstTheCurrentApi(Block block, @TempDir Path dir) throws IOException {
    assertThat(compile(block, dir)).as("compiling the block at " + block).isEmpty();
  }

  @Test
  void aBlockCallingAMethodThatIsGoneShouldFail(@TempDir Path dir) throws IOException {
    List<String> errors =
        compile(new Block("test", 1, "CheckMetrics.builder().noSuchOption(1).build();\n"), dir);

    assertThat(errors).singleElement().asString().contains("noSuchOption");
  }

  /** Compiles one block; returns its errors, each with its line within the block. */
  private static List<String> compile(Block block, Path dir) throws IOException {
    StringBuilder imports = new StringBuilder(IMPORTS);
    StringBuilder body = new StringBuilder();
    for (String line : block.code().split("\n", -1)) {
      (line.startsWith("import ") ? imports : body).append(line).append('\n');
    }
    boolean members = Pattern.compile("(?m)^(@Test|void |public |private |static )").matcher(body).find();
    String prefix = imports + "\nclass Block {\n" + FIELDS
        + (members ? "" : "  void block() throws Exception {\n");
    String source = prefix + body + (members ? "" : "  }\n") + "}\n";
    int offset = (int) prefix.lines().count();
    Path file = dir.resolve("Block.java");
    Files.writeString(file, source, StandardCharsets.UTF_8);

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options = List.of(
          "-proc:none", "-d", dir.toString(),
          "-classpath", System.getProperty("java.class.path"));
      compiler.getTask(new StringWriter(), files, diagnostics, options, null,
          files.getJavaFileObjects(file)).call();
    }
    return diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> "line " + (d.getLineNumber() - offset) + " of the block: " + d.getMessage(Locale.ROOT))
        .toList();
  }
}

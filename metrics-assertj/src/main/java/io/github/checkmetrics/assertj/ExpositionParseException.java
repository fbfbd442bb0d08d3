package io.github.checkmetrics.assertj;

/**
 * Thrown when text is not a valid exposition: names the line and the rule it breaks.
 *
 * <p>The message reads {@code line <n>: <reason>}, for example
 * {@code line 3: value must be a number, +Inf, -Inf or NaN: "abc"}.
 *
 * <pre>{@code
 * try {
 *   Exposition.parse("check_status{check_id=\"db\"} abc\n");
 * } catch (ExpositionParseException e) {
 *   int line = e.lineNumber(); // 1
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
final class ExpositionParseException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The 1-based line that breaks the rule. */
  private final int lineNumber;
  /** The broken rule, without the line number. */
  private final String reason;

  ExpositionParseException(int lineNumber, String reason) {
    super("line " + lineNumber + ": " + reason);
    this.lineNumber = lineNumber;
    this.reason = reason;
  }

  /**
   * The line that breaks the rule.
   *
   * @return the 1-based line number; one past the last line when the end of the text is at fault
   */
  public int lineNumber() {
    return lineNumber;
  }

  /**
   * The rule that was broken, without the line number.
   *
   * @return the reason, for example {@code duplicate label name "region"}
   */
  public String reason() {
    return reason;
  }
}

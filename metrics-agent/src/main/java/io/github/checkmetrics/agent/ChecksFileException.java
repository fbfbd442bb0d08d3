package io.github.checkmetrics.agent;

/**
 * A checks file that cannot be used, with where: its message is {@code FILE:LINE[:COLUMN]: what},
 * lines and columns counted from 1, as compilers and {@code promtool} print them.
 */
final class ChecksFileException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * A problem at a place in the file.
   *
   * @param file the file as it was named, such as {@code checks.yml}
   * @param line the line, from 1
   * @param column the column, from 1, or 0 when only the line is known
   * @param problem what is wrong: the thing, the rule and the value
   */
  ChecksFileException(String file, int line, int column, String problem) {
    super(file + ":" + line + (column > 0 ? ":" + column : "") + ": " + problem);
  }

  /** A problem with the file as a whole, such as one that cannot be read. */
  ChecksFileException(String file, String problem) {
    super(file + ": " + problem);
  }
}

package dev.live.json;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;

/**
 * Input that could not be decoded: its {@link #code()}, the {@link #path()} of the offending
 * value ({@code tags[2].name}, empty for the whole input), what was wrong, and where in the
 * input it was (1-based line and column, or -1 where unknown).
 *
 * <p>Codecs throw it with a path relative to the value they read; each enclosing codec prefixes
 * its own segment with {@link #within(String)}, so the final path is absolute.
 */
public final class DecodeException extends LiveException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String problem;
  private final int line;
  private final int column;

  public DecodeException(ErrorCode code, String path, String problem, int line, int column) {
    super(code, message(path, problem, line, column), false);
    this.path = path;
    this.problem = problem;
    this.line = line;
    this.column = column;
  }

  /** Where the offending value is: field names joined by dots, list indexes in brackets. */
  public String path() {
    return path;
  }

  /** What was wrong, without the path and position. */
  public String problem() {
    return problem;
  }

  /** The 1-based line of the offending token, or -1. */
  public int line() {
    return line;
  }

  /** The 1-based column of the offending token, or -1. */
  public int column() {
    return column;
  }

  /**
   * The same error seen from the enclosing value: {@code parent} is the field name or {@code
   * [index]} under which this value was read.
   */
  public DecodeException within(String parent) {
    String joined;
    if (path.isEmpty()) {
      joined = parent;
    } else if (path.startsWith("[")) {
      joined = parent + path;
    } else {
      joined = parent + "." + path;
    }
    return new DecodeException(code(), joined, problem, line, column);
  }

  /**
   * The same error at another position: for a value that was buffered and decoded later, whose
   * own positions would be relative to the buffer.
   */
  public DecodeException relocated(int line, int column) {
    return new DecodeException(code(), path, problem, line, column);
  }

  private static String message(String path, String problem, int line, int column) {
    StringBuilder text = new StringBuilder();
    if (!path.isEmpty()) {
      text.append(path).append(": ");
    }
    text.append(problem);
    if (line >= 0) {
      text.append(" (line ").append(line).append(", column ").append(column).append(')');
    }
    return text.toString();
  }
}

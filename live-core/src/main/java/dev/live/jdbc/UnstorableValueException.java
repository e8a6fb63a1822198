package dev.live.jdbc;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;

/**
 * A value bound to a statement parameter that storage cannot hold (see {@link
 * dev.live.json.ValueRanges}): {@code INVALID_VALUE}, raised before the statement runs. Values
 * from clients are refused when decoded; this catches those a procedure builds itself. It
 * carries the parameter's index, so that the code binding a row can name the field.
 */
public final class UnstorableValueException extends LiveException {
  private static final long serialVersionUID = 1L;

  private final int parameterIndex;
  private final String problem;

  public UnstorableValueException(int parameterIndex, String problem) {
    // No stack trace: the message says all, and a procedure may produce these in a loop.
    super(ErrorCode.INVALID_VALUE, problem, false);
    this.parameterIndex = parameterIndex;
    this.problem = problem;
  }

  /** The 1-based index of the statement parameter, or 0 when it is not known. */
  public int parameterIndex() {
    return parameterIndex;
  }

  /** What was wrong and what is allowed, without a field name. */
  public String problem() {
    return problem;
  }
}

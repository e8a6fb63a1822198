package dev.live.error;

/**
 * The base of every error Live reports to a user: a stable {@link ErrorCode} and a message
 * that says what was wrong and what is allowed.
 */
public class LiveException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public LiveException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public LiveException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /**
   * For errors caused by bad input, which can arrive in floods: filling in a stack trace would
   * cost more than decoding the input, and would say nothing about the input.
   */
  protected LiveException(ErrorCode code, String message, boolean withStackTrace) {
    super(message, null, false, withStackTrace);
    this.code = code;
  }

  /** The stable code, as sent on the wire. */
  public ErrorCode code() {
    return code;
  }

  /**
   * The class, the code and the message ({@code dev.live.error.LiveException: FORBIDDEN: the
   * update rule refused it}): stack traces and logs print this, and the code is what tells one
   * refusal from another.
   */
  @Override
  public String toString() {
    String message = getLocalizedMessage();
    String head = getClass().getName() + ": " + code;
    return message == null ? head : head + ": " + message;
  }
}

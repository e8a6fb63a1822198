package dev.live.error;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The base of every error Live reports to a user: a stable {@link ErrorCode} and a message
 * that says what was wrong and what is allowed.
 *
 * <p>An application refuses a call with a code of its own through {@link #of(String, String)}:
 *
 * <pre>{@code
 * if (credits < cost) throw LiveException.of("NO_CREDITS", "you have " + credits + " credits, this needs " + cost);
 * }</pre>
 *
 * Such an error has the Live code {@link ErrorCode#REJECTED} and, apart from it, the
 * {@linkplain #appCode() application code}: on the wire a member {@code appCode} beside {@code
 * code}, so an application code is never read as one of Live's, and clients that do not know
 * application codes still see a {@code REJECTED} with the message.
 */
public class LiveException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The longest application code. */
  public static final int MAX_APP_CODE_LENGTH = 64;

  /** UPPER_SNAKE_CASE: a capital letter, then capitals and digits, in words joined by single underscores. */
  private static final Pattern APP_CODE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

  private final ErrorCode code;
  private final @Nullable String appCode;

  public LiveException(ErrorCode code, String message) {
    super(message);
    this.code = code;
    this.appCode = null;
  }

  public LiveException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.appCode = null;
  }

  /**
   * For errors caused by bad input, which can arrive in floods: filling in a stack trace would
   * cost more than decoding the input, and would say nothing about the input.
   */
  protected LiveException(ErrorCode code, String message, boolean withStackTrace) {
    super(message, null, false, withStackTrace);
    this.code = code;
    this.appCode = null;
  }

  private LiveException(String appCode, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.code = ErrorCode.REJECTED;
    this.appCode = checkedAppCode(appCode);
  }

  /**
   * An application's refusal with its own code ({@code NO_CREDITS}, {@code SEAT_TAKEN}): the call
   * or mutation is rejected with {@link ErrorCode#REJECTED}, nothing it wrote is kept, and the
   * client receives {@code appCode} and {@code message}. The code is UPPER_SNAKE_CASE, at most
   * {@value #MAX_APP_CODE_LENGTH} characters, and not one of Live's own codes.
   *
   * @throws IllegalArgumentException for a code of another shape, or one of {@link ErrorCode}'s names
   */
  public static LiveException of(String appCode, String message) {
    return new LiveException(appCode, message, null);
  }

  /** {@link #of(String, String)} with the exception that caused it (kept on the server, never sent). */
  public static LiveException of(String appCode, String message, Throwable cause) {
    return new LiveException(appCode, message, Objects.requireNonNull(cause, "cause"));
  }

  /**
   * Whether {@code appCode} is an application code {@link #of(String, String)} takes: UPPER_SNAKE_CASE,
   * at most {@value #MAX_APP_CODE_LENGTH} characters, not one of Live's codes.
   */
  public static boolean isValidAppCode(@Nullable String appCode) {
    return appCode != null && appCode.length() <= MAX_APP_CODE_LENGTH && APP_CODE.matcher(appCode).matches()
        && !isLiveCode(appCode);
  }

  private static String checkedAppCode(String appCode) {
    Objects.requireNonNull(appCode, "appCode");
    if (isLiveCode(appCode)) {
      throw new IllegalArgumentException("application code " + appCode + " is one of Live's own codes: throw new"
          + " LiveException(ErrorCode." + appCode + ", message) for Live's meaning, or choose another name for the"
          + " application's");
    }
    if (appCode.length() > MAX_APP_CODE_LENGTH || !APP_CODE.matcher(appCode).matches()) {
      throw new IllegalArgumentException("application code \"" + appCode + "\" is not allowed: use UPPER_SNAKE_CASE"
          + " (a capital letter, then capitals, digits and single underscores between them, such as NO_CREDITS), at"
          + " most " + MAX_APP_CODE_LENGTH + " characters");
    }
    return appCode;
  }

  private static boolean isLiveCode(String name) {
    for (ErrorCode code : ErrorCode.values()) {
      if (code.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The stable code, as sent on the wire: one of Live's. An application's refusal ({@link #of})
   * is {@link ErrorCode#REJECTED}, with its own code in {@link #appCode()}.
   */
  public ErrorCode code() {
    return code;
  }

  /** The application's code, for an error made by {@link #of(String, String)}; empty for Live's own errors. */
  public Optional<String> appCode() {
    return Optional.ofNullable(appCode);
  }

  /** Whether this is the application's refusal with code {@code appCode}: {@code e.hasAppCode("NO_CREDITS")}. */
  public boolean hasAppCode(String appCode) {
    return appCode.equals(this.appCode);
  }

  /**
   * The class, the code and the message ({@code dev.live.error.LiveException: FORBIDDEN: the
   * update rule refused it}; an application's refusal adds its code: {@code REJECTED (NO_CREDITS):
   * ...}): stack traces and logs print this, and the code is what tells one refusal from another.
   */
  @Override
  public String toString() {
    String message = getLocalizedMessage();
    String head = getClass().getName() + ": " + code + (appCode == null ? "" : " (" + appCode + ")");
    return message == null ? head : head + ": " + message;
  }
}

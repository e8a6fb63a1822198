package dev.live.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * A LiveException names its code wherever it is printed: toString, and so stack traces and logs.
 * An application's refusal ({@code LiveException.of}) is {@code REJECTED} with a code of its own,
 * which is checked for its shape and never one of Live's codes.
 */
class LiveExceptionTest {

  @Test
  void toStringNamesTheClassTheCodeAndTheMessage() {
    LiveException error = new LiveException(ErrorCode.FORBIDDEN, "the task's update rule refused it");
    assertThat(error).hasToString("dev.live.error.LiveException: FORBIDDEN: the task's update rule refused it");
  }

  @Test
  void aStackTraceStartsWithTheCode() {
    StringWriter trace = new StringWriter();
    new LiveException(ErrorCode.NOT_FOUND, "no task t9").printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).startsWith("dev.live.error.LiveException: NOT_FOUND: no task t9");
  }

  @Test
  void aCauseShowsItsCodeInTheCausedByLine() {
    StringWriter trace = new StringWriter();
    new IllegalStateException("wrapped", new LiveException(ErrorCode.NOT_FOUND, "no task t9"))
        .printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).contains("Caused by: dev.live.error.LiveException: NOT_FOUND: no task t9");
  }

  @Test
  void withoutAMessageItIsTheCode() {
    assertThat(new LiveException(ErrorCode.NOT_FOUND, null)).hasToString("dev.live.error.LiveException: NOT_FOUND");
  }

  @Test
  void anApplicationsRefusalIsRejectedWithItsOwnCode() {
    LiveException error = LiveException.of("NO_CREDITS", "you have 2 credits, this needs 5");
    assertThat(error.code()).isEqualTo(ErrorCode.REJECTED);
    assertThat(error.appCode()).contains("NO_CREDITS");
    assertThat(error.hasAppCode("NO_CREDITS")).isTrue();
    assertThat(error.hasAppCode("SEAT_TAKEN")).isFalse();
    assertThat(error).hasToString("dev.live.error.LiveException: REJECTED (NO_CREDITS): you have 2 credits, this"
        + " needs 5");
  }

  @Test
  void liveErrorsHaveNoApplicationCode() {
    LiveException error = new LiveException(ErrorCode.REJECTED, "a hook refused it");
    assertThat(error.appCode()).isEmpty();
    assertThat(error.hasAppCode("REJECTED")).isFalse();
  }

  @Test
  void theCauseIsKept() {
    IllegalStateException cause = new IllegalStateException("the payment service said no");
    assertThat(LiveException.of("PAYMENT_DECLINED", "the card was declined", cause).getCause()).isSameAs(cause);
  }

  @Test
  void anApplicationCodeIsUpperSnakeCaseOfAtMost64Characters() {
    for (String valid : new String[] {"A", "NO_CREDITS", "SEAT_2_TAKEN", "E404", "X".repeat(64)}) {
      assertThat(LiveException.isValidAppCode(valid)).as(valid).isTrue();
      assertThat(LiveException.of(valid, "m").appCode()).contains(valid);
    }
    for (String malformed : new String[] {"", "no_credits", "NoCredits", "NO CREDITS", "NO__CREDITS", "_NO",
        "NO_", "2FA_REQUIRED", "NO-CREDITS", "NÖ", "X".repeat(65)}) {
      assertThat(LiveException.isValidAppCode(malformed)).as(malformed).isFalse();
      assertThatThrownBy(() -> LiveException.of(malformed, "m")).as(malformed)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("application code \"" + malformed + "\" is not allowed: use UPPER_SNAKE_CASE (a capital"
              + " letter, then capitals, digits and single underscores between them, such as NO_CREDITS), at most 64"
              + " characters");
    }
    assertThat(LiveException.isValidAppCode(null)).isFalse();
  }

  @Test
  void anApplicationCodeIsNeverOneOfLivesCodes() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(LiveException.isValidAppCode(code.name())).as(code.name()).isFalse();
    }
    assertThatThrownBy(() -> LiveException.of("FORBIDDEN", "not yours"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("application code FORBIDDEN is one of Live's own codes: throw new"
            + " LiveException(ErrorCode.FORBIDDEN, message) for Live's meaning, or choose another name for the"
            + " application's");
  }
}

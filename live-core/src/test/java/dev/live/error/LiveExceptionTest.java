package dev.live.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A LiveException names its code wherever it is printed: toString, and so stack traces and logs. */
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
}

package dev.live.server;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs requests that failed on the server ({@code STORAGE_FAILED}, {@code PROCEDURE_FAILED}), which
 * a client can cause over and over: each failure at DEBUG with its stack trace, and at most one
 * WARN summary per client (a connection, or an HTTP caller's address) every {@link #WINDOW_NANOS},
 * counting what failed since the last. The summaries of all clients share a budget of a few lines
 * per second, so a flood from many clients cannot fill the log either; summaries over the budget
 * go to DEBUG.
 */
final class FailureLog {
  private static final Logger log = LoggerFactory.getLogger(FailureLog.class);
  static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** A new client's window of reports. */
  static dev.live.error.ReportWindow window() {
    return new dev.live.error.ReportWindow(WINDOW_NANOS);
  }

  private final TokenBucket summaries;

  FailureLog() {
    this.summaries = new TokenBucket(2, 20, System::nanoTime);
  }

  /** Whether {@code error} is the server's failure, which this log reports, rather than a refusal. */
  static boolean isServerFailure(LiveException error) {
    return error.code() == ErrorCode.STORAGE_FAILED || error.code() == ErrorCode.PROCEDURE_FAILED;
  }

  /**
   * Logs {@code error}, which the request {@code request} of client {@code who} failed with; the
   * cause's stack trace goes to DEBUG only.
   */
  void failed(dev.live.error.ReportWindow counter, String who, String request, LiveException error) {
    Throwable cause = error.getCause() == null ? error : error.getCause();
    log.debug("request {} of {} failed with {}", request, who, error.code(), cause);
    int due = counter.due(System.nanoTime());
    if (due == 0) {
      return;
    }
    String summary = "{} request(s) of {} failed on the server since its last report (at most one report per {} s"
        + " per client); the latest, {}, with {}: {} (stack traces at DEBUG, logger " + FailureLog.class.getName()
        + ")";
    Object[] args = {due, who, TimeUnit.NANOSECONDS.toSeconds(WINDOW_NANOS), request, error.code(), describe(cause)};
    if (summaries.tryTake()) {
      log.warn(summary, args);
    } else {
      log.debug(summary, args);
    }
  }

  /** The cause's class only: its message may quote what the client sent, which the log must not hold. */
  private static String describe(Throwable cause) {
    return cause.getClass().getName();
  }
}

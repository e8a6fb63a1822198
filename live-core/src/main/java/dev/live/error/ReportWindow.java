package dev.live.error;

/**
 * Counts the failures of one source (a client, a rule) between the reports the server logs of it:
 * at most one report per window, carrying the count since the last, so that a failure repeated on
 * purpose cannot fill the log. Used by the server's logs of failed requests and failed rules.
 * Thread-safe.
 */
public final class ReportWindow {
  private final long windowNanos;
  private long lastReportAt;
  private boolean reported;
  private int failures;

  public ReportWindow(long windowNanos) {
    this.windowNanos = windowNanos;
  }

  /**
   * Counts a failure at {@code now} (nanoseconds, differences only): the failures to report now,
   * this one included, or 0 while the last report is recent.
   */
  public synchronized int due(long now) {
    failures++;
    if (reported && now - lastReportAt < windowNanos) {
      return 0;
    }
    reported = true;
    lastReportAt = now;
    int due = failures;
    failures = 0;
    return due;
  }
}

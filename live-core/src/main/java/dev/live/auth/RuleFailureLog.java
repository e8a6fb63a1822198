package dev.live.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs rules that failed (threw, or returned nothing). A broken rule fails for every request that
 * reaches it, and a client can send such requests over and over, so a rule gets at most one WARN
 * every {@link #WINDOW_NANOS}, with the latest failure's cause and stack trace and the count since
 * its last report; the failures in between go to DEBUG with theirs. The rules are the schema's, not
 * the clients', so the windows kept here are bounded by the schema's size.
 */
final class RuleFailureLog {
  private static final Logger log = LoggerFactory.getLogger(RuleFailureLog.class);
  static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Map<String, dev.live.error.ReportWindow> windows = new ConcurrentHashMap<>();
  private final LongSupplier clock;

  RuleFailureLog(LongSupplier clock) {
    this.clock = clock;
  }

  /**
   * Logs that the {@code kind} rule (say "read") of {@code collection} failed with {@code cause},
   * and that the request was therefore {@code outcome} (say "refused with FORBIDDEN").
   */
  void failed(String kind, String collection, String outcome, Throwable cause) {
    String rule = "the " + kind + " rule of " + collection;
    int due = windows.computeIfAbsent(rule, key -> new dev.live.error.ReportWindow(WINDOW_NANOS)).due(clock.getAsLong());
    if (due == 0) {
      log.debug("{} failed; the request was {}", rule, outcome, cause);
      return;
    }
    // The application's own exception, message and stack trace: what its author needs to fix it.
    log.atWarn().setMessage("{} failed {} time(s) since its last report (at most one report per {} s per rule;"
            + " the others at DEBUG, logger {}); each such request was {}; the latest failure:")
        .addArgument(rule).addArgument(due).addArgument(TimeUnit.NANOSECONDS.toSeconds(WINDOW_NANOS))
        .addArgument(RuleFailureLog.class.getName()).addArgument(outcome)
        .addKeyValue("rule", kind).addKeyValue("collection", collection).addKeyValue("failures", due)
        .setCause(cause).log();
  }
}

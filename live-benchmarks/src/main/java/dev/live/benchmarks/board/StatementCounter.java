package dev.live.benchmarks.board;

import dev.live.storage.StatementObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the SQL statements a store prepares, by who runs them: the writers' own statements (on
 * the benchmark's writer threads, whose names start with {@code writerPrefix}: the INSERT, UPDATE,
 * DELETE and {@code SELECT ... FOR UPDATE} of the writes and their change-log appends), and the
 * rest, which are the engine's: reads of the change log (its tables are named {@code live_...})
 * and reads of data tables (the SELECTs the figure is about). {@code verbose} also keeps the
 * distinct statements, to check the sorting by eye.
 */
final class StatementCounter implements StatementObserver {
  private final String writerPrefix;
  private final boolean verbose;
  private final LongAdder writers = new LongAdder();
  private final LongAdder logReads = new LongAdder();
  private final LongAdder dataReads = new LongAdder();
  private final LongAdder other = new LongAdder();
  private final Map<String, String> seen = new ConcurrentHashMap<>();

  StatementCounter(String writerPrefix, boolean verbose) {
    this.writerPrefix = writerPrefix;
    this.verbose = verbose;
  }

  @Override
  public void onStatement(String sql) {
    String kind;
    if (Thread.currentThread().getName().startsWith(writerPrefix)) {
      writers.increment();
      kind = "write";
    } else if (sql.contains("live_")) {
      logReads.increment();
      kind = "change log";
    } else if (sql.regionMatches(true, 0, "SELECT", 0, 6)) {
      dataReads.increment();
      kind = "data read";
    } else {
      other.increment();
      kind = "other";
    }
    if (verbose && seen.size() < 200) {
      seen.putIfAbsent(kind + " on " + Thread.currentThread().getName().replaceAll("[0-9]+$", "N") + ": "
          + (sql.length() > 160 ? sql.substring(0, 160) + "..." : sql), kind);
    }
  }

  /** The counts so far. */
  Counts counts() {
    return new Counts(writers.sum(), logReads.sum(), dataReads.sum(), other.sum());
  }

  /** The distinct statements seen (verbose only). */
  Iterable<String> seen() {
    return seen.keySet();
  }

  /** Statements counted, by kind. */
  record Counts(long writers, long logReads, long dataReads, long other) {
    Counts minus(Counts before) {
      return new Counts(writers - before.writers, logReads - before.logReads, dataReads - before.dataReads,
          other - before.other);
    }

    Counts plus(Counts more) {
      return new Counts(writers + more.writers, logReads + more.logReads, dataReads + more.dataReads,
          other + more.other);
    }
  }
}

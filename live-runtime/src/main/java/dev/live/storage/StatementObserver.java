package dev.live.storage;

/**
 * Sees the text of every SQL statement a store prepares, before it runs: for tests that count
 * statements, and for tracing. Parameters are not passed on: they hold user data.
 *
 * <pre>{@code
 * AtomicInteger count = new AtomicInteger();
 * Store store = Store.open(database, AppSchema.INSTANCE, StoreOptions.builder()
 *     .statementObserver(sql -> count.incrementAndGet()).build());
 * }</pre>
 */
@FunctionalInterface
public interface StatementObserver {
  StatementObserver NONE = sql -> {};

  /** Called on the thread that runs the statement; must be fast and must not throw. */
  void onStatement(String sql);
}

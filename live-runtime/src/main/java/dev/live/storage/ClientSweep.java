package dev.live.storage;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the client records of a {@link Store} that are past its {@link
 * StoreOptions#clientRetention()}, on a daemon thread of its own: a minute after the store opens,
 * then every ten minutes. Each sweep does bounded work, {@link #MAX_BATCHES} batches of {@link
 * #BATCH} rows, each its own short transaction, so it never holds many locks nor runs long; what
 * is left waits for the next sweep. Every node of a PostgreSQL cluster sweeps; two sweeps deleting
 * the same rows do no harm.
 */
final class ClientSweep implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClientSweep.class);
  static final Duration FIRST_DELAY = Duration.ofMinutes(1);
  static final Duration INTERVAL = Duration.ofMinutes(10);
  static final int BATCH = 1000;
  static final int MAX_BATCHES = 20;

  private final Store store;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "live-client-sweep");
    thread.setDaemon(true);
    return thread;
  });

  ClientSweep(Store store) {
    this.store = store;
  }

  void start() {
    timer.scheduleWithFixedDelay(this::runLogged, FIRST_DELAY.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One sweep: returns how many records it deleted. */
  int run() {
    Duration retention = store.options().clientRetention();
    int deleted = 0;
    for (int batch = 0; batch < MAX_BATCHES; batch++) {
      int count = store.read("deleting expired client records", sql -> {
        int rows = ClientMutations.deleteExpired(sql, retention, BATCH);
        sql.connection().commit();
        return rows;
      });
      deleted += count;
      if (count < BATCH) {
        if (deleted > 0) {
          log.info("deleted {} client records unused for longer than the client retention of {}", deleted,
              SqlErrors.describe(retention));
        }
        return deleted;
      }
    }
    log.info("deleted {} client records unused for longer than the client retention of {}; more are expired,"
        + " and the next sweep goes on", deleted, SqlErrors.describe(retention));
    return deleted;
  }

  private void runLogged() {
    try {
      run();
    } catch (RuntimeException e) {
      if (!timer.isShutdown()) {
        log.warn("deleting expired client records failed; the next sweep tries again in {} min: {}",
            INTERVAL.toMinutes(), e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}

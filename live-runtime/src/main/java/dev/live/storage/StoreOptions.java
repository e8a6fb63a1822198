package dev.live.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Store} behaves; every setting has a default.
 *
 * <pre>{@code
 * StoreOptions.builder().hooks(hooks).maxRetries(3).build()
 * }</pre>
 *
 * @param hooks the collections' hooks; none by default
 * @param maxRetries how many times a transaction that hit a serialization failure or a deadlock
 *     is run again before {@code CONFLICT} is reported; 5 by default
 * @param tailPollInterval how long a change tail waits for a wake-up before it looks at the change
 *     log anyway; 1 second by default. Writes of this store wake it at once. On PostgreSQL those of
 *     other nodes wake it too, by NOTIFY ({@code crossNodeWakeups}), and the poll is the safety
 *     net for a notification lost or a listener reconnecting; without wake-ups (H2 has no other
 *     nodes; {@code crossNodeWakeups} off) other nodes' writes are seen at the latest after this
 * @param tailBatchSize at most this many changes are read and delivered at once; 1000 by default
 * @param statementObserver sees every statement's SQL; none by default
 * @param statementTimeout how long one SQL statement may run, waiting for locks included, before
 *     the database cancels it and the request fails with {@code TIMEOUT}; 1 ms to 1 hour, 30 seconds
 *     by default. Schema synchronization at start runs without it. See docs/storage.md
 * @param clientRetention how long the record of a client's mutations is kept after its last
 *     mutation; within it a retried mutation applies at most once, after it the record is deleted.
 *     1 hour to 10 years, 30 days by default. See docs/storage.md
 * @param crossNodeWakeups on PostgreSQL, whether commits are NOTIFYed to the other nodes on the
 *     database and this store LISTENs for theirs, on two connections outside the pool; true by
 *     default. Turn it off behind a pooler that cannot LISTEN (PgBouncer in transaction mode) or
 *     when one node is all there is; other nodes' writes are then seen at {@code
 *     tailPollInterval}. No effect on H2. See docs/scale-out.md
 */
public record StoreOptions(
    Hooks hooks,
    int maxRetries,
    Duration tailPollInterval,
    int tailBatchSize,
    StatementObserver statementObserver,
    Duration statementTimeout,
    Duration clientRetention,
    boolean crossNodeWakeups) {
  /** The longest {@link #statementTimeout()}: past it a request is better failed than waited for. */
  public static final Duration MAX_STATEMENT_TIMEOUT = Duration.ofHours(1);
  /** The shortest {@link #clientRetention()}: a client offline for a moment must not lose its record. */
  public static final Duration MIN_CLIENT_RETENTION = Duration.ofHours(1);
  /** The longest {@link #clientRetention()}. */
  public static final Duration MAX_CLIENT_RETENTION = Duration.ofDays(3650);

  public StoreOptions {
    Objects.requireNonNull(hooks, "hooks");
    Objects.requireNonNull(tailPollInterval, "tailPollInterval");
    Objects.requireNonNull(statementObserver, "statementObserver");
    Objects.requireNonNull(statementTimeout, "statementTimeout");
    Objects.requireNonNull(clientRetention, "clientRetention");
    if (maxRetries < 0 || maxRetries > 100) {
      throw new IllegalArgumentException("maxRetries is 0 to 100, not " + maxRetries);
    }
    if (tailPollInterval.toMillis() < 1 || tailPollInterval.toMinutes() > 10) {
      throw new IllegalArgumentException("tailPollInterval is 1 ms to 10 minutes, not " + tailPollInterval);
    }
    if (tailBatchSize < 1 || tailBatchSize > 100_000) {
      throw new IllegalArgumentException("tailBatchSize is 1 to 100,000, not " + tailBatchSize);
    }
    if (statementTimeout.compareTo(Duration.ofMillis(1)) < 0 || statementTimeout.compareTo(MAX_STATEMENT_TIMEOUT) > 0) {
      throw new IllegalArgumentException("statementTimeout is 1 ms to 1 hour, not " + statementTimeout);
    }
    if (clientRetention.compareTo(MIN_CLIENT_RETENTION) < 0 || clientRetention.compareTo(MAX_CLIENT_RETENTION) > 0) {
      throw new IllegalArgumentException("clientRetention is 1 hour to 3650 days, not " + clientRetention);
    }
  }

  public static StoreOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link StoreOptions}. */
  public static final class Builder {
    private Hooks hooks = Hooks.none();
    private int maxRetries = 5;
    private Duration tailPollInterval = Duration.ofSeconds(1);
    private int tailBatchSize = 1000;
    private StatementObserver statementObserver = StatementObserver.NONE;
    private Duration statementTimeout = Duration.ofSeconds(30);
    private Duration clientRetention = Duration.ofDays(30);
    private boolean crossNodeWakeups = true;

    private Builder() {}

    public Builder hooks(Hooks hooks) {
      this.hooks = hooks;
      return this;
    }

    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * How long a tail waits for a wake-up before it reads the log anyway; 1 second by default. On
     * PostgreSQL other nodes' commits wake it by NOTIFY, so this bounds only how late a change is
     * when a notification is lost or the listener reconnects.
     */
    public Builder tailPollInterval(Duration tailPollInterval) {
      this.tailPollInterval = tailPollInterval;
      return this;
    }

    public Builder tailBatchSize(int tailBatchSize) {
      this.tailBatchSize = tailBatchSize;
      return this;
    }

    public Builder statementObserver(StatementObserver statementObserver) {
      this.statementObserver = statementObserver;
      return this;
    }

    /** How long one SQL statement may run before it is canceled with {@code TIMEOUT}; 30 seconds by default. */
    public Builder statementTimeout(Duration statementTimeout) {
      this.statementTimeout = statementTimeout;
      return this;
    }

    /** How long a client's mutation record is kept after its last mutation; 30 days by default. */
    public Builder clientRetention(Duration clientRetention) {
      this.clientRetention = clientRetention;
      return this;
    }

    /**
     * On PostgreSQL, whether this store NOTIFYs other nodes of its commits and LISTENs for theirs;
     * true by default (see docs/scale-out.md). No effect on H2.
     */
    public Builder crossNodeWakeups(boolean crossNodeWakeups) {
      this.crossNodeWakeups = crossNodeWakeups;
      return this;
    }

    public StoreOptions build() {
      return new StoreOptions(hooks, maxRetries, tailPollInterval, tailBatchSize, statementObserver,
          statementTimeout, clientRetention, crossNodeWakeups);
    }
  }
}

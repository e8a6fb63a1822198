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
 *     log anyway (writes of this store wake it at once; those of other nodes are seen at the
 *     latest after this); 1 second by default
 * @param tailBatchSize at most this many changes are read and delivered at once; 1000 by default
 * @param statementObserver sees every statement's SQL; none by default
 */
public record StoreOptions(
    Hooks hooks,
    int maxRetries,
    Duration tailPollInterval,
    int tailBatchSize,
    StatementObserver statementObserver) {

  public StoreOptions {
    Objects.requireNonNull(hooks, "hooks");
    Objects.requireNonNull(tailPollInterval, "tailPollInterval");
    Objects.requireNonNull(statementObserver, "statementObserver");
    if (maxRetries < 0 || maxRetries > 100) {
      throw new IllegalArgumentException("maxRetries is 0 to 100, not " + maxRetries);
    }
    if (tailPollInterval.toMillis() < 1 || tailPollInterval.toMinutes() > 10) {
      throw new IllegalArgumentException("tailPollInterval is 1 ms to 10 minutes, not " + tailPollInterval);
    }
    if (tailBatchSize < 1 || tailBatchSize > 100_000) {
      throw new IllegalArgumentException("tailBatchSize is 1 to 100,000, not " + tailBatchSize);
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

    private Builder() {}

    public Builder hooks(Hooks hooks) {
      this.hooks = hooks;
      return this;
    }

    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

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

    public StoreOptions build() {
      return new StoreOptions(hooks, maxRetries, tailPollInterval, tailBatchSize, statementObserver);
    }
  }
}

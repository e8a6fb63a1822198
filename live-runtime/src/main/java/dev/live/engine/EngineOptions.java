package dev.live.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on what one owner of subscriptions (a user, on a server) may make the engine keep and
 * do, so that one owner cannot slow the others' deltas. Subscriptions made without an owner
 * (server code, tests) are not bounded.
 *
 * <pre>{@code
 * LiveEngine engine = LiveEngine.start(store, EngineOptions.builder().maxQueriesPerOwner(200).build());
 * }</pre>
 *
 * @param maxSubscriptionsPerOwner subscriptions open at once for one owner, across connections
 *     and including those kept for a dropped connection to resume (2,000); one more is refused
 *     with {@code LIMIT_EXCEEDED}
 * @param maxQueriesPerOwner distinct queries (engine nodes) one owner's subscriptions may follow
 *     at once (1,000); a subscription to one more is refused with {@code LIMIT_EXCEEDED}
 * @param workPerOwner engine time one owner's queries may take per second, on average, over a
 *     burst of one second (100 ms): the time spent applying changes to them, publishing their
 *     deltas, and reading them again, shared equally by the owners of a query. Beyond it, their
 *     queries no longer take changes as they come but catch up when the owner has time again,
 *     with one delta for what they missed, and subscribing to a query no one follows yet is
 *     refused with {@code RATE_LIMITED}. Queries another owner within bounds follows too are
 *     never held back. (A subscriber's first read of a new query runs on its own thread and is
 *     not counted: the message rate limit and {@code maxQueriesPerOwner} bound those.)
 * @param maxHeldRows rows the queries of all owners may hold together (their results, and the
 *     few beyond a window's end); once they hold as many, a subscription to a query no one follows
 *     yet is refused with {@code LIMIT_EXCEEDED}, while subscriptions to followed queries go on.
 *     Checked before a new query is read, so the query that crosses the bound is admitted whole
 *     (unbounded by default: a server sets it from its heap)
 */
public record EngineOptions(int maxSubscriptionsPerOwner, int maxQueriesPerOwner, Duration workPerOwner,
    long maxHeldRows) {
  public EngineOptions {
    Objects.requireNonNull(workPerOwner, "workPerOwner");
    if (maxSubscriptionsPerOwner < 1) {
      throw new IllegalArgumentException("maxSubscriptionsPerOwner must be at least 1, not " + maxSubscriptionsPerOwner);
    }
    if (maxQueriesPerOwner < 1) {
      throw new IllegalArgumentException("maxQueriesPerOwner must be at least 1, not " + maxQueriesPerOwner);
    }
    if (maxHeldRows < 1) {
      throw new IllegalArgumentException("maxHeldRows must be at least 1, not " + maxHeldRows);
    }
    if (workPerOwner.toMillis() < 1 || workPerOwner.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new IllegalArgumentException("workPerOwner is from 1 ms to 1 s (of engine time per second), not "
          + workPerOwner);
    }
  }

  public static EngineOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects options; anything not set keeps its default. */
  public static final class Builder {
    private int maxSubscriptionsPerOwner = 2_000;
    private int maxQueriesPerOwner = 1_000;
    private Duration workPerOwner = Duration.ofMillis(100);
    private long maxHeldRows = Long.MAX_VALUE;

    private Builder() {}

    public Builder maxSubscriptionsPerOwner(int maxSubscriptionsPerOwner) {
      this.maxSubscriptionsPerOwner = maxSubscriptionsPerOwner;
      return this;
    }

    public Builder maxQueriesPerOwner(int maxQueriesPerOwner) {
      this.maxQueriesPerOwner = maxQueriesPerOwner;
      return this;
    }

    public Builder workPerOwner(Duration workPerOwner) {
      this.workPerOwner = workPerOwner;
      return this;
    }

    /** Rows all queries may hold together before new queries are refused (unbounded). */
    public Builder maxHeldRows(long maxHeldRows) {
      this.maxHeldRows = maxHeldRows;
      return this;
    }

    public EngineOptions build() {
      return new EngineOptions(maxSubscriptionsPerOwner, maxQueriesPerOwner, workPerOwner, maxHeldRows);
    }
  }
}

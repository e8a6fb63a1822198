package dev.live.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What one owner of subscriptions has of the engine: how many subscriptions, which queries, and
 * a budget of engine time that refills at {@link EngineOptions#workPerOwner} per second up to one
 * second's worth. Work on a query is charged to its owners in equal parts; an owner in debt has
 * its queries held back ({@link #inDebt}) until the budget refills.
 */
final class Owner {
  final String key;
  int subscriptions;
  /** The owner's queries, with how many of its subscriptions follow each. */
  final Map<QueryNode<?>, Integer> nodes = new HashMap<>();
  private final long ratePerSecond;
  private final LongSupplier clock;
  private long budget;
  private long refilledAt;

  Owner(String key, long ratePerSecond, LongSupplier clock) {
    this.key = key;
    this.ratePerSecond = ratePerSecond;
    this.clock = clock;
    this.budget = ratePerSecond;
    this.refilledAt = clock.getAsLong();
  }

  /** Takes {@code nanos} of engine time from the budget. */
  void charge(long nanos) {
    refill();
    budget = Math.max(budget - nanos, -ratePerSecond); // a debt of one second at most: it clears within a second
  }

  /** Whether the owner used more time than it had. */
  boolean inDebt() {
    refill();
    return budget < 0;
  }

  /** Whether the owner has at least half of its budget left: its queries go first in a batch. */
  boolean light() {
    refill();
    return budget >= ratePerSecond / 2;
  }

  /** Whether the owner holds nothing and owes nothing: it can be forgotten. */
  boolean idle() {
    refill();
    return subscriptions == 0 && budget >= ratePerSecond;
  }

  private void refill() {
    long now = clock.getAsLong();
    long elapsed = now - refilledAt;
    if (elapsed <= 0) {
      return;
    }
    refilledAt = now;
    // elapsed nanos × rate nanos-per-second / 1e9, without overflow for long gaps.
    long earned = elapsed >= 1_000_000_000L ? ratePerSecond : elapsed * ratePerSecond / 1_000_000_000L;
    budget = Math.min(ratePerSecond, budget + earned);
  }
}

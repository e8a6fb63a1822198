package dev.live.engine;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import java.util.HashMap;
import java.util.Map;

/**
 * The owners of subscriptions the engine knows, and their bounds ({@link EngineOptions}): who may
 * subscribe to what, and what each subscription counts against. Guarded by the engine's lock.
 */
final class Owners {
  private final EngineOptions options;
  private final Map<String, Owner> owners = new HashMap<>();

  EngineOptions options() {
    return options;
  }

  Owners(EngineOptions options) {
    this.options = options;
  }

  /** The owner named {@code key}, if it may follow {@code node} (null: a query no one follows yet) once more. */
  Owner admit(String key, QueryNode<?> node) {
    Owner owner = owners.computeIfAbsent(key, k -> new Owner(k, options.workPerOwner().toNanos(), System::nanoTime));
    if (owner.subscriptions >= options.maxSubscriptionsPerOwner()) {
      throw new LiveException(ErrorCode.LIMIT_EXCEEDED, "at most " + options.maxSubscriptionsPerOwner()
          + " subscriptions may be open at once for one user, across connections (those kept for resuming"
          + " count too); close one first");
    }
    if ((node == null || !owner.nodes.containsKey(node)) && owner.nodes.size() >= options.maxQueriesPerOwner()) {
      throw new LiveException(ErrorCode.LIMIT_EXCEEDED, "one user's subscriptions may follow at most "
          + options.maxQueriesPerOwner() + " different queries at once; close one, or subscribe to a query"
          + " already followed");
    }
    if (node == null && owner.inDebt()) {
      throw new LiveException(ErrorCode.RATE_LIMITED, "this user's live queries used more than their "
          + options.workPerOwner().toMillis() + " ms of engine time per second; subscribe to a new query"
          + " again in a second");
    }
    return owner;
  }

  /** Counts {@code subscription} against {@code owner} (null: unbounded) and as one of {@code node}'s. */
  void own(QueryNode<?> node, EngineSubscriptionImpl subscription, Owner owner) {
    subscription.owner = owner;
    if (owner == null) {
      node.unowned++;
      return;
    }
    owner.subscriptions++;
    owner.nodes.merge(node, 1, Integer::sum);
    node.owners.merge(owner, 1, Integer::sum);
  }

  void disown(QueryNode<?> node, EngineSubscriptionImpl subscription) {
    Owner owner = subscription.owner;
    if (owner == null) {
      node.unowned--;
      return;
    }
    owner.subscriptions--;
    owner.nodes.computeIfPresent(node, (n, count) -> count == 1 ? null : count - 1);
    node.owners.computeIfPresent(owner, (o, count) -> count == 1 ? null : count - 1);
    if (owner.idle()) {
      owners.remove(owner.key);
    }
  }

  /**
   * Forgets the owners that hold nothing and owe nothing: one that left while in debt would stay
   * otherwise, one per user who ever did. Called periodically.
   */
  void sweep() {
    owners.values().removeIf(Owner::idle);
  }

  /** Owners known now, for tests and stats. */
  int size() {
    return owners.size();
  }
}

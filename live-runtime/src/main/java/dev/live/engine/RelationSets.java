package dev.live.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * The relation sets in use, shared by every operator whose conditions ask the same ({@link
 * SetQuery} equality), counted by their users and dropped with the last one.
 */
final class RelationSets {
  private final Map<SetQuery<?>, RelationSet<?>> sets = new HashMap<>();
  private final CandidateIndex index;

  RelationSets(CandidateIndex index) {
    this.index = index;
  }

  /**
   * The set {@code query} describes for {@code user}: the existing one, or a new one (pending until
   * it is loaded) with the sets of its own condition acquired in turn.
   */
  RelationSet<?> acquire(SetQuery<?> query, Operator user) {
    RelationSet<?> set = sets.get(query);
    if (set == null) {
      set = create(query);
    }
    set.refs++;
    set.dependents.merge(user, 1, Integer::sum);
    return set;
  }

  private <U> RelationSet<U> create(SetQuery<U> query) {
    RelationSet<U> set = new RelationSet<>(query, index);
    sets.put(query, set);
    set.uses.collect(query.condition(), null, this, set);
    index.add(set);
    return set;
  }

  /** {@code user} no longer uses {@code set}; the last user's release drops it. */
  void release(RelationSet<?> set, Operator user) {
    set.dependents.computeIfPresent(user, (u, n) -> n == 1 ? null : n - 1);
    if (--set.refs > 0) {
      return;
    }
    sets.remove(set.definition);
    set.clear();
    index.remove(set);
    set.uses.release(this, set);
  }

  /** Every set, loaded or not. */
  Iterable<RelationSet<?>> all() {
    return sets.values();
  }

  int size() {
    return sets.size();
  }
}

package dev.live.engine;

import dev.live.query.ConditionMatcher;
import dev.live.query.Field;
import dev.live.query.QuerySpec;
import dev.live.query.ValueOrder;
import dev.live.storage.Change;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The related rows one relational condition needs, kept in memory (a semi-join's state): the ids
 * of the rows of a collection that match a condition, and how many of them have each key value
 * ({@link SetQuery}). {@code Task_.board.is(Board_.teamId.eq("t1"))} asks whether a task's {@code
 * boardId} is a key here; the set holds the boards of team t1.
 *
 * <p>A change of one of its collection's rows is applied in memory; a key that enters or leaves
 * is an event for the operators that use the set ({@link #dependents}). Loaded from storage when
 * created, and again only when a set its own condition uses gains keys whose rows it lacks.
 */
final class RelationSet<U> extends Operator {
  final SetQuery<U> definition;
  private final NodeQuery<U> query;
  final RelationUses uses = new RelationUses();
  /** Member id → its key value. */
  private final Map<Object, Object> members = new HashMap<>();
  /** Key value → how many members have it (absent when none). */
  private final Map<Object, Integer> counts = new HashMap<>();
  /** Member id → its row, for a set that keeps rows ({@link SetQuery#rows}). */
  private final Map<Object, Object> rows = new HashMap<>();
  /** Operators whose conditions use this set, with how many of their uses do. */
  final Map<Operator, Integer> dependents = new HashMap<>();
  int refs;
  boolean loaded;
  /** Changes at or below this version are in the set already (it was read after them). */
  long freshFrom;
  /**
   * The version of the last change of its keys that rows elsewhere may feel: not a key entering
   * because its row was inserted, nor leaving because it was deleted, when keys are ids (nothing
   * refers to a row yet, or still).
   */
  long affectingVersion;

  private final CandidateIndex index;

  RelationSet(SetQuery<U> definition, CandidateIndex index) {
    this.definition = definition;
    this.index = index;
    this.query = NodeQuery.of(QuerySpec.all(definition.collection()).and(definition.condition()));
    this.pending = true;
  }

  @Override
  NodeQuery<U> query() {
    return query;
  }

  @Override
  boolean holds(Object id) {
    return members.containsKey(id);
  }

  @Override
  RelationUses uses() {
    return uses;
  }

  /** The ids of the members. */
  Iterable<Object> memberIds() {
    return members.keySet();
  }

  /** The row of member {@code id}, for a set that keeps rows; null when it is not a member. */
  Object row(Object id) {
    return rows.get(id);
  }

  /** Whether some member has key {@code key}. */
  boolean contains(Object key) {
    return counts.containsKey(key);
  }

  int size() {
    return members.size();
  }

  /** The keys held now. */
  Iterable<Object> keys() {
    return counts.keySet();
  }

  /** Replaces the members with {@code rows}, read from storage after version {@code lower}. */
  void load(List<U> read, long lower) {
    clear();
    Field<U, ?> id = definition.collection().id();
    for (U row : read) {
      Object key = definition.key().get(row);
      if (key != null) {
        Object memberId = id.get(row);
        members.put(memberId, key);
        if (definition.rows()) {
          rows.put(memberId, row);
        }
        index.hold(this, memberId);
        if (counts.merge(key, 1, Integer::sum) == 1) {
          index.keyGained(this, key);
        }
      }
    }
    freshFrom = lower;
    loaded = true;
  }

  /** Forgets every member (before a load, or when the set is dropped). */
  void clear() {
    for (Object memberId : members.keySet()) {
      index.unhold(this, memberId);
    }
    for (Object key : counts.keySet()) {
      index.keyLost(this, key);
    }
    members.clear();
    counts.clear();
    rows.clear();
  }

  /** Takes one change of a row of the set's collection; tells {@code events} of keys that enter or leave. */
  void apply(Change change, ValueOrder values, Events events) {
    if (change.version() <= freshFrom) {
      return;
    }
    Object id = change.id();
    Optional<U> row = change.row(definition.collection());
    Object oldKey = members.get(id);
    Object newKey = null;
    if (row.isPresent() && ConditionMatcher.matches(definition.condition(), row.get(), values, uses)) {
      newKey = definition.key().get(row.get());
    }
    if (definition.rows()) {
      if (newKey != null) {
        rows.put(id, row.get()); // a member's row changes without its key: nodes showing it hear of it by its id
      } else {
        rows.remove(id);
      }
    }
    if (oldKey != null && oldKey.equals(newKey)) {
      return;
    }
    if (oldKey != null) {
      members.remove(id);
      if (newKey == null) {
        index.unhold(this, id);
      }
      int left = counts.merge(oldKey, -1, Integer::sum);
      if (left == 0) {
        counts.remove(oldKey);
        index.keyLost(this, oldKey);
        lost(oldKey, change, events);
      }
    }
    if (newKey != null) {
      if (members.put(id, newKey) == null) {
        index.hold(this, id);
      }
      if (counts.merge(newKey, 1, Integer::sum) == 1) {
        index.keyGained(this, newKey);
        gained(newKey, change, events);
      }
    }
  }

  private void gained(Object key, Change change, Events events) {
    boolean felt = !(definition.keyedById() && change.operation() == Change.Operation.INSERT);
    record(felt, change);
    events.keyChanged(this, key, true, felt);
  }

  private void lost(Object key, Change change, Events events) {
    boolean felt = !(definition.keyedById() && change.operation() == Change.Operation.DELETE);
    record(felt, change);
    events.keyChanged(this, key, false, felt);
  }

  private void record(boolean felt, Change change) {
    if (felt) {
      affectingVersion = Math.max(affectingVersion, change.version());
    }
  }

  @Override
  public String toString() {
    return definition.collection().name() + " by " + definition.key().name() + " where " + definition.condition();
  }

  /** Hears the keys that enter or leave a set. */
  interface Events {
    /**
     * {@code key} entered ({@code gained}) or left {@code set}; {@code felt} is false when no row
     * elsewhere can refer to it (its row was just inserted, or deleted).
     */
    void keyChanged(RelationSet<?> set, Object key, boolean gained, boolean felt);
  }
}

package dev.live.engine;

import dev.live.query.Field;
import dev.live.query.ValueOrder;
import dev.live.schema.CollectionSchema;
import dev.live.storage.Change;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the operators a change can matter to without looking at the others, so that the cost of
 * a change does not grow with unrelated subscriptions. For a change of a row of collection C:
 * <ul>
 *   <li>the operators that hold the row now (it may leave them);
 *   <li>the operators on C whose equality key has the row's value (it may enter them);
 *   <li>the operators on C keyed by a relation condition whose set has the row's key: {@code
 *       Task_.board.is(...)} takes only tasks whose board is in its set;
 *   <li>the operators on C keyed by a prefix the row's value starts with, or by a range that can
 *       hold the row's value ({@link PrefixIndex}, {@link RangeIndex});
 *   <li>the operators on C with no key;
 *   <li>the nodes whose includes hold the row, or hold the rows its foreign key points to (it may
 *       join their related rows).
 * </ul>
 * An operator on C with a key that neither holds the row nor has its value cannot take it.
 * Relation sets come before nodes: a node evaluates its conditions with the sets already current.
 */
final class CandidateIndex {
  private final Map<CollectionSchema<?>, ByCollection> collections = new HashMap<>();
  private final ValueOrder values;
  /** Buffers of {@link #candidates}, reused from one change to the next. */
  private final Set<Operator> found = new LinkedHashSet<>();
  private final List<Operator> ordered = new ArrayList<>();
  private final List<RelationSet<?>> containingBuffer = new ArrayList<>();

  CandidateIndex(ValueOrder values) {
    this.values = values;
  }

  private ByCollection of(CollectionSchema<?> collection) {
    return collections.computeIfAbsent(collection, c -> new ByCollection());
  }

  /** Indexes {@code operator} by its key. */
  void add(Operator operator) {
    NodeQuery<?> query = operator.query();
    ByCollection own = of(query.collection());
    if (query.key().isPresent()) {
      NodeQuery.EqualityKey<?> key = query.key().get();
      CompactSets<Object, Operator> byValue = own.keyed.computeIfAbsent(key.field(), f -> new CompactSets<>());
      for (Object value : key.values()) {
        byValue.add(value, operator);
      }
    } else if (query.relationKey().isPresent()) {
      RelationUses.Use use = operator.uses().of(query.relationKey().get());
      own.memberKeyed.computeIfAbsent(MemberKey.of(use), k -> new HashMap<>())
          .computeIfAbsent(use.set, s -> new LinkedHashSet<>()).add(operator);
    } else if (query.prefixKey().isPresent()) {
      NodeQuery.PrefixKey<?> key = query.prefixKey().get();
      own.prefixes.computeIfAbsent(key.field(), f -> new PrefixIndex()).add(operator, key.prefix());
    } else if (query.rangeKey().isPresent()) {
      NodeQuery.RangeKey<?> key = query.rangeKey().get();
      own.ranges.computeIfAbsent(key.field(), f -> new RangeIndex(f.type(), values)).add(operator, key);
    } else {
      own.unkeyed.add(operator);
    }
  }

  /** Forgets {@code operator}'s key; it must have released what it holds and includes already. */
  void remove(Operator operator) {
    NodeQuery<?> query = operator.query();
    ByCollection own = of(query.collection());
    if (query.key().isPresent()) {
      NodeQuery.EqualityKey<?> key = query.key().get();
      CompactSets<Object, Operator> byValue = own.keyed.get(key.field());
      if (byValue != null) {
        for (Object value : key.values()) {
          byValue.remove(value, operator);
        }
        if (byValue.isEmpty()) {
          own.keyed.remove(key.field());
        }
      }
    } else if (query.relationKey().isPresent()) {
      RelationUses.Use use = operator.uses().of(query.relationKey().get());
      MemberKey memberKey = MemberKey.of(use);
      Map<RelationSet<?>, Set<Operator>> bySet = own.memberKeyed.get(memberKey);
      if (bySet != null) {
        removeFrom(bySet, use.set, operator);
        if (bySet.isEmpty()) {
          own.memberKeyed.remove(memberKey);
        }
      }
    } else if (query.prefixKey().isPresent()) {
      NodeQuery.PrefixKey<?> key = query.prefixKey().get();
      PrefixIndex prefixes = own.prefixes.get(key.field());
      if (prefixes != null) {
        prefixes.remove(operator, key.prefix());
        if (prefixes.isEmpty()) {
          own.prefixes.remove(key.field());
        }
      }
    } else if (query.rangeKey().isPresent()) {
      RangeIndex ranges = own.ranges.get(query.rangeKey().get().field());
      if (ranges != null) {
        ranges.remove(operator);
        if (ranges.isEmpty()) {
          own.ranges.remove(query.rangeKey().get().field());
        }
      }
    } else {
      own.unkeyed.remove(operator);
    }
  }

  /** {@code operator} holds the row {@code id} of its collection. */
  void hold(Operator operator, Object id) {
    of(operator.query().collection()).holders.add(id, operator);
  }

  void unhold(Operator operator, Object id) {
    of(operator.query().collection()).holders.remove(id, operator);
  }

  /** {@code node}'s includes hold row {@code id} of {@code collection} (a to-one target or a to-many related row). */
  void include(QueryNode<?> node, CollectionSchema<?> collection, Object id) {
    of(collection).included.add(id, node);
  }

  void uninclude(QueryNode<?> node, CollectionSchema<?> collection, Object id) {
    of(collection).included.remove(id, node);
  }

  /** {@code node} includes the rows of {@code collection} whose {@code foreignKey} is {@code parentId}. */
  void parent(QueryNode<?> node, CollectionSchema<?> collection, Field<?, ?> foreignKey, Object parentId) {
    of(collection).parents.computeIfAbsent(foreignKey, f -> new CompactSets<>()).add(parentId, node);
  }

  void unparent(QueryNode<?> node, CollectionSchema<?> collection, Field<?, ?> foreignKey, Object parentId) {
    CompactSets<Object, Operator> byParent = of(collection).parents.get(foreignKey);
    if (byParent != null) {
      byParent.remove(parentId, node);
      if (byParent.isEmpty()) {
        of(collection).parents.remove(foreignKey);
      }
    }
  }

  /** {@code key} entered {@code set}: rows with that key now reach the operators keyed by the set. */
  void keyGained(RelationSet<?> set, Object key) {
    of(set.definition.collection()).containing.computeIfAbsent(set.definition.key(), f -> new CompactSets<>())
        .add(key, set);
  }

  void keyLost(RelationSet<?> set, Object key) {
    CompactSets<Object, RelationSet<?>> byKey = of(set.definition.collection()).containing.get(set.definition.key());
    if (byKey != null) {
      byKey.remove(key, set);
    }
  }

  private static <K, V> void removeFrom(Map<K, Set<V>> map, K key, V value) {
    Set<V> values = map.get(key);
    if (values != null) {
      values.remove(value);
      if (values.isEmpty()) {
        map.remove(key);
      }
    }
  }

  /**
   * The operators {@code change} may matter to, each once, sets first. The list is the index's
   * own, valid until the next call (the engine calls it under its lock, one change at a time):
   * allocating a set per change showed in the allocation profile.
   */
  List<Operator> candidates(Change change) {
    ByCollection own = collections.get(change.collection());
    Set<Operator> found = this.found;
    found.clear();
    ordered.clear();
    if (own == null) {
      return ordered;
    }
    own.holders.addTo(change.id(), found);
    if (change.row().isPresent()) {
      Object row = change.row().get();
      for (Map.Entry<Field<?, ?>, CompactSets<Object, Operator>> keyed : own.keyed.entrySet()) {
        keyed.getValue().addTo(valueOf(keyed.getKey(), row), found);
      }
      for (Map.Entry<MemberKey, Map<RelationSet<?>, Set<Operator>>> keyed : own.memberKeyed.entrySet()) {
        MemberKey key = keyed.getKey();
        Object value = valueOf(key.probe(), row);
        if (value == null) {
          continue;
        }
        CompactSets<Object, RelationSet<?>> byKey = of(key.setCollection()).containing.get(key.setKey());
        if (byKey != null) {
          List<RelationSet<?>> sets = containingBuffer;
          sets.clear();
          byKey.addTo(value, sets);
          for (RelationSet<?> set : sets) {
            addAll(found, keyed.getValue().get(set));
          }
        }
      }
      for (Map.Entry<Field<?, ?>, PrefixIndex> prefixes : own.prefixes.entrySet()) {
        prefixes.getValue().candidates((String) valueOf(prefixes.getKey(), row), found);
      }
      for (Map.Entry<Field<?, ?>, RangeIndex> ranges : own.ranges.entrySet()) {
        ranges.getValue().candidates(valueOf(ranges.getKey(), row), found);
      }
      for (Map.Entry<Field<?, ?>, CompactSets<Object, Operator>> parent : own.parents.entrySet()) {
        parent.getValue().addTo(valueOf(parent.getKey(), row), found);
      }
    }
    own.included.addTo(change.id(), found);
    found.addAll(own.unkeyed);
    // Sets first, in the order found.
    for (Operator operator : found) {
      if (operator instanceof RelationSet<?>) {
        ordered.add(operator);
      }
    }
    for (Operator operator : found) {
      if (!(operator instanceof RelationSet<?>)) {
        ordered.add(operator);
      }
    }
    return ordered;
  }

  private static void addAll(Set<Operator> into, Set<? extends Operator> operators) {
    if (operators != null) {
      into.addAll(operators);
    }
  }

  @SuppressWarnings("unchecked") // a change's row is a record of the field's collection
  private static <T> Object valueOf(Field<T, ?> field, Object row) {
    return field.get((T) row);
  }

  /** A relation key: the field of the keyed rows probed, and the side of the sets it is probed in. */
  private record MemberKey(Field<?, ?> probe, CollectionSchema<?> setCollection, Field<?, ?> setKey) {
    static MemberKey of(RelationUses.Use use) {
      return new MemberKey(use.probe, use.set.definition.collection(), use.set.definition.key());
    }
  }

  /** What is indexed of one collection. */
  private static final class ByCollection {
    final Map<Field<?, ?>, CompactSets<Object, Operator>> keyed = new HashMap<>();
    final Map<MemberKey, Map<RelationSet<?>, Set<Operator>>> memberKeyed = new HashMap<>();
    final Map<Field<?, ?>, PrefixIndex> prefixes = new HashMap<>();
    final Map<Field<?, ?>, RangeIndex> ranges = new HashMap<>();
    final Set<Operator> unkeyed = new LinkedHashSet<>();
    final CompactSets<Object, Operator> holders = new CompactSets<>();
    /** By id: the nodes whose includes hold the row of this collection with that id. */
    final CompactSets<Object, Operator> included = new CompactSets<>();
    /** By foreign key of this collection and parent id: the nodes including that parent's related rows. */
    final Map<Field<?, ?>, CompactSets<Object, Operator>> parents = new HashMap<>();
    /** By a set's key field and a key: the sets of this collection holding that key. */
    final Map<Field<?, ?>, CompactSets<Object, RelationSet<?>>> containing = new HashMap<>();
  }
}

package dev.live.engine;

import dev.live.query.Field;
import dev.live.schema.CollectionSchema;
import dev.live.storage.Change;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds the nodes a change can matter to without looking at the others, so that the cost of a
 * change does not grow with unrelated subscriptions. For a change of a row of collection C:
 * <ul>
 *   <li>the nodes that hold the row now (it may leave them);
 *   <li>the nodes on C whose equality key has the row's value (it may enter them);
 *   <li>the nodes on C without an equality key;
 *   <li>the nodes whose includes reach the row, or whose to-many includes hold the rows related to
 *       the row the changed row points to (see {@link IncludeScope});
 *   <li>the nodes with a relation condition on C.
 * </ul>
 * A node on C with an equality key that neither holds the row nor has its value cannot take it:
 * every row it can hold has one of its key's values.
 */
final class CandidateIndex {
  private final Map<CollectionSchema<?>, ByCollection> collections = new HashMap<>();

  private ByCollection of(CollectionSchema<?> collection) {
    return collections.computeIfAbsent(collection, c -> new ByCollection());
  }

  void add(QueryNode<?> node) {
    NodeQuery<?> query = node.query();
    ByCollection own = of(query.collection());
    if (query.key().isPresent()) {
      NodeQuery.EqualityKey<?> key = query.key().get();
      Map<Object, Set<QueryNode<?>>> byValue = own.keyed.computeIfAbsent(key.field(), f -> new HashMap<>());
      for (Object value : key.values()) {
        byValue.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(node);
      }
    } else {
      own.unkeyed.add(node);
    }
    for (CollectionSchema<?> dependency : query.relationDependencies()) {
      of(dependency).dependents.add(node);
    }
    addScope(node, node.scope());
  }

  /** After a node was read again: its includes may reach other rows now. */
  void replaceScope(QueryNode<?> node, IncludeScope old, IncludeScope fresh) {
    if (old != fresh) {
      removeScope(node, old);
      addScope(node, fresh);
    }
  }

  private void addScope(QueryNode<?> node, IncludeScope scope) {
    scope.rows().forEach((collection, ids) -> {
      Map<Object, Set<QueryNode<?>>> included = of(collection).included;
      for (Object id : ids) {
        included.computeIfAbsent(id, i -> new LinkedHashSet<>()).add(node);
      }
    });
    scope.parents().forEach((foreignKey, ids) -> {
      Map<Object, Set<QueryNode<?>>> byParent = of(foreignKey.collection())
          .parents.computeIfAbsent(foreignKey.field(), f -> new HashMap<>());
      for (Object id : ids) {
        byParent.computeIfAbsent(id, i -> new LinkedHashSet<>()).add(node);
      }
    });
  }

  private void removeScope(QueryNode<?> node, IncludeScope scope) {
    scope.rows().forEach((collection, ids) -> {
      Map<Object, Set<QueryNode<?>>> included = of(collection).included;
      for (Object id : ids) {
        removeFrom(included, id, node);
      }
    });
    scope.parents().forEach((foreignKey, ids) -> {
      Map<Object, Set<QueryNode<?>>> byParent = of(foreignKey.collection()).parents.get(foreignKey.field());
      if (byParent != null) {
        for (Object id : ids) {
          removeFrom(byParent, id, node);
        }
      }
    });
  }

  private static void removeFrom(Map<Object, Set<QueryNode<?>>> map, Object key, QueryNode<?> node) {
    Set<QueryNode<?>> nodes = map.get(key);
    if (nodes != null) {
      nodes.remove(node);
      if (nodes.isEmpty()) {
        map.remove(key);
      }
    }
  }

  void remove(QueryNode<?> node) {
    NodeQuery<?> query = node.query();
    ByCollection own = of(query.collection());
    if (query.key().isPresent()) {
      NodeQuery.EqualityKey<?> key = query.key().get();
      Map<Object, Set<QueryNode<?>>> byValue = own.keyed.get(key.field());
      if (byValue != null) {
        for (Object value : key.values()) {
          removeFrom(byValue, value, node);
        }
        if (byValue.isEmpty()) {
          own.keyed.remove(key.field());
        }
      }
    } else {
      own.unkeyed.remove(node);
    }
    for (CollectionSchema<?> dependency : query.relationDependencies()) {
      of(dependency).dependents.remove(node);
    }
    removeScope(node, node.scope());
    for (ResultRow row : node.rows()) {
      unhold(node, row.id());
    }
    for (Object id : node.batchIds()) {
      unhold(node, id);
    }
  }

  /** Records that {@code node} now holds the row with {@code id} of its collection. */
  void hold(QueryNode<?> node, Object id) {
    of(node.query().collection()).holders.computeIfAbsent(id, i -> new LinkedHashSet<>()).add(node);
  }

  void unhold(QueryNode<?> node, Object id) {
    Map<Object, Set<QueryNode<?>>> holders = of(node.query().collection()).holders;
    Set<QueryNode<?>> nodes = holders.get(id);
    if (nodes != null) {
      nodes.remove(node);
      if (nodes.isEmpty()) {
        holders.remove(id);
      }
    }
  }

  /** The nodes {@code change} may matter to, each once. */
  Set<QueryNode<?>> candidates(Change change) {
    ByCollection own = collections.get(change.collection());
    if (own == null) {
      return Collections.emptySet();
    }
    Set<QueryNode<?>> found = new LinkedHashSet<>();
    Set<QueryNode<?>> holding = own.holders.get(change.id());
    if (holding != null) {
      found.addAll(holding);
    }
    if (change.row().isPresent()) {
      Object row = change.row().get();
      for (Map.Entry<Field<?, ?>, Map<Object, Set<QueryNode<?>>>> keyed : own.keyed.entrySet()) {
        Set<QueryNode<?>> nodes = keyed.getValue().get(valueOf(keyed.getKey(), row));
        if (nodes != null) {
          found.addAll(nodes);
        }
      }
    }
    Set<QueryNode<?>> including = own.included.get(change.id());
    if (including != null) {
      found.addAll(including);
    }
    if (change.row().isPresent()) {
      Object row = change.row().get();
      for (Map.Entry<Field<?, ?>, Map<Object, Set<QueryNode<?>>>> parent : own.parents.entrySet()) {
        Set<QueryNode<?>> nodes = parent.getValue().get(valueOf(parent.getKey(), row));
        if (nodes != null) {
          found.addAll(nodes);
        }
      }
    }
    found.addAll(own.unkeyed);
    found.addAll(own.dependents);
    return found;
  }

  @SuppressWarnings("unchecked") // a change's row is a record of the field's collection
  private static <T> Object valueOf(Field<T, ?> field, Object row) {
    return field.get((T) row);
  }

  /** The nodes on one collection, and the nodes depending on it. */
  private static final class ByCollection {
    final Map<Field<?, ?>, Map<Object, Set<QueryNode<?>>>> keyed = new HashMap<>();
    final Set<QueryNode<?>> unkeyed = new LinkedHashSet<>();
    final Set<QueryNode<?>> dependents = new LinkedHashSet<>();
    final Map<Object, Set<QueryNode<?>>> holders = new HashMap<>();
    /** By id: the nodes whose includes reach the row of this collection with that id. */
    final Map<Object, Set<QueryNode<?>>> included = new HashMap<>();
    /** By foreign key of this collection and parent id: the nodes including that parent's related rows. */
    final Map<Field<?, ?>, Map<Object, Set<QueryNode<?>>>> parents = new HashMap<>();
  }
}

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
 *   <li>the nodes depending on C through a relation condition or an include.
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
    for (CollectionSchema<?> dependency : query.dependencies()) {
      of(dependency).dependents.add(node);
    }
  }

  void remove(QueryNode<?> node) {
    NodeQuery<?> query = node.query();
    ByCollection own = of(query.collection());
    if (query.key().isPresent()) {
      NodeQuery.EqualityKey<?> key = query.key().get();
      Map<Object, Set<QueryNode<?>>> byValue = own.keyed.get(key.field());
      for (Object value : key.values()) {
        Set<QueryNode<?>> nodes = byValue.get(value);
        nodes.remove(node);
        if (nodes.isEmpty()) {
          byValue.remove(value);
        }
      }
      if (byValue.isEmpty()) {
        own.keyed.remove(key.field());
      }
    } else {
      own.unkeyed.remove(node);
    }
    for (CollectionSchema<?> dependency : query.dependencies()) {
      of(dependency).dependents.remove(node);
    }
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
  }
}

package dev.live.client;

import dev.live.query.Cardinality;
import dev.live.query.Condition;
import dev.live.query.ConditionMatcher;
import dev.live.query.Include;
import dev.live.query.QuerySpec;
import dev.live.query.RowOrder;
import dev.live.query.ToMany;
import dev.live.query.ToOne;
import dev.live.query.ValueOrder;
import dev.live.schema.CollectionSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A subscription's result with this client's unconfirmed writes applied: each row a pending
 * write touches is placed by evaluating the query on the row as the write leaves it, with the
 * engine's own matcher and order ({@link ConditionMatcher}, {@link RowOrder}), so the client
 * decides as the server will. Included rows follow too: a to-one include points at the row the
 * foreign key names now, and a written row joins, moves within or leaves the to-many include
 * lists of the rows its foreign key names (by the include's where, orderBy and limit), at any
 * depth. What it cannot decide locally it leaves to the server's delta: a where with conditions
 * on related rows only moves rows already in the result, a window (a query's or an include's
 * limit) that loses a row is not refilled, and a new row's to-many includes start empty, as the
 * client holds none of the rows they would list.
 */
final class OptimisticView {
  /** The order the client assumes; the server's delta corrects the rare string that differs on PostgreSQL. */
  private static final ValueOrder ORDER = ValueOrder.H2;

  private OptimisticView() {}

  /** The rows of the view, and the ids of those among them that pending writes touched. */
  record View(List<ResultNode> nodes, Set<Object> pendingIds) {}

  static <T> View apply(QuerySpec<T> spec, List<ResultNode> confirmed, long version, List<PendingMutation> pending,
      ResultRows.Records records) {
    CollectionSchema<T> collection = spec.collection();
    Map<CollectionSchema<?>, Set<Object>> touched = touched(pending, version);
    Set<Object> touchedRows = touched.getOrDefault(collection, Set.of());
    boolean touchedIncludes = touchesIncludes(spec.includes(), touched);
    if (touchedRows.isEmpty() && !touchedIncludes) {
      return new View(confirmed, Set.of());
    }
    List<ResultNode> nodes = new ArrayList<>(confirmed);
    RowOrder<T> order = RowOrder.of(collection, spec.orderBy(), ORDER);
    boolean local = spec.where().map(ConditionMatcher::isLocal).orElse(true);
    for (Object id : touchedRows) {
      place(spec, nodes, id, local, order, records);
    }
    int limit = spec.cardinality() == Cardinality.MANY ? spec.limit().orElse(Integer.MAX_VALUE) : 1;
    while (nodes.size() > limit) {
      nodes.remove(nodes.size() - 1);
    }
    if (touchedIncludes) {
      nodes.replaceAll(node -> withToManys(node, spec.includes(), touched, records));
    }
    Set<Object> shown = new LinkedHashSet<>();
    for (ResultNode node : nodes) {
      if (touchedRows.contains(node.id())) {
        shown.add(node.id());
      }
    }
    return new View(List.copyOf(nodes), shown);
  }

  /** The rows pending writes touch, by collection, leaving out those the result already reflects. */
  private static Map<CollectionSchema<?>, Set<Object>> touched(List<PendingMutation> pending, long version) {
    Map<CollectionSchema<?>, Set<Object>> touched = new HashMap<>();
    for (PendingMutation mutation : pending) {
      if (mutation.collection != null && !(mutation.acked() && version >= mutation.ackVersion)) {
        touched.computeIfAbsent(mutation.collection, key -> new LinkedHashSet<>()).add(mutation.key);
      }
    }
    return touched;
  }

  /** Whether a pending write touches a collection some to-many include lists, at any depth. */
  private static boolean touchesIncludes(List<? extends Include<?, ?>> includes,
      Map<CollectionSchema<?>, Set<Object>> touched) {
    for (Include<?, ?> include : includes) {
      if ((include.relation() instanceof ToMany<?, ?> && touched.containsKey(include.relation().target()))
          || touchesIncludes(include.includes(), touched)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The node with each to-many include list updated for the written rows of its target
   * collection: a row leaves every list, and joins the list of the parent its foreign key names
   * if it matches the include's where, at its place in the include's order; the list is then cut
   * to the include's limit. Nested includes of the listed rows follow in turn.
   */
  @SuppressWarnings({"unchecked", "rawtypes"}) // each include's rows are records of its target
  private static ResultNode withToManys(ResultNode node, List<? extends Include<?, ?>> includes,
      Map<CollectionSchema<?>, Set<Object>> touched, ResultRows.Records records) {
    Map<Include<?, ?>, Object> included = new HashMap<>(node.included());
    boolean changed = false;
    for (Include include : includes) {
      Object children = included.get(include);
      if (include.relation() instanceof ToOne) {
        if (children instanceof ResultNode child && touchesIncludes(include.includes(), touched)) {
          included.put(include, withToManys(child, include.includes(), touched, records));
          changed = true;
        }
        continue;
      }
      List<ResultNode> list = new ArrayList<>(node.toMany(include));
      Set<Object> written = touched.getOrDefault(include.relation().target(), Set.of());
      if (!written.isEmpty()) {
        ToMany relation = (ToMany) include.relation();
        RowOrder order = RowOrder.of(relation.target(), include.orderBy(), ORDER);
        boolean local = isLocal(include);
        for (Object id : written) {
          joinList(include, relation, list, node.id(), id, local, order, records);
        }
        int limit = include.limit().orElse(Integer.MAX_VALUE);
        while (list.size() > limit) {
          list.remove(list.size() - 1);
        }
      }
      if (touchesIncludes(include.includes(), touched)) {
        list.replaceAll(child -> withToManys(child, include.includes(), touched, records));
      }
      included.put(include, List.copyOf(list));
      changed = true;
    }
    return changed ? new ResultNode(node.id(), included) : node;
  }

  private static <U> boolean isLocal(Include<?, U> include) {
    return include.where().map(ConditionMatcher::isLocal).orElse(true);
  }

  @SuppressWarnings("unchecked") // a row of the include's target
  private static <U> boolean matchesWhere(Include<?, U> include, Object row) {
    return include.where().map(where -> ConditionMatcher.matches(where, (U) row, ORDER)).orElse(true);
  }

  /** Takes row {@code id} out of {@code list}, and puts it back at its place if it belongs to {@code parentId}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void joinList(Include include, ToMany relation, List<ResultNode> list, Object parentId, Object id,
      boolean local, RowOrder order, ResultRows.Records records) {
    int at = indexOf(list, id);
    ResultNode held = at < 0 ? null : list.remove(at);
    CollectionSchema target = relation.target();
    Object row = records.record(target, id);
    if (row == null || !parentId.equals(relation.inverse().foreignKey().get(row))) {
      return; // deleted, or it belongs to another parent now
    }
    boolean matches = local ? matchesWhere(include, row) : held != null; // else only the server can tell
    if (!matches) {
      return;
    }
    ResultNode child = withToOnes(held == null ? ResultNode.of(id) : held, include.includes(), row, records);
    int position = 0;
    while (position < list.size()) {
      Object other = records.record(target, list.get(position).id());
      if (other != null && order.compare(row, other) < 0) {
        break;
      }
      position++;
    }
    list.add(position, child);
  }

  @SuppressWarnings("unchecked") // records of the spec's collection
  private static <T> void place(QuerySpec<T> spec, List<ResultNode> nodes, Object id, boolean local, RowOrder<T> order,
      ResultRows.Records records) {
    CollectionSchema<T> collection = spec.collection();
    int at = indexOf(nodes, id);
    ResultNode held = at < 0 ? null : nodes.remove(at);
    T row = (T) records.record(collection, id);
    if (row == null) {
      return; // deleted (or an update of a row the client does not hold)
    }
    boolean matches;
    if (spec.cardinality() == Cardinality.ONE) {
      matches = spec.id().get().equals(id);
    } else if (!local) {
      matches = held != null; // only the server can tell whether related rows match
    } else {
      matches = spec.where().map(where -> ConditionMatcher.matches((Condition<T>) where, row, ORDER)).orElse(true);
    }
    if (!matches) {
      return;
    }
    ResultNode node = withToOnes(held == null ? ResultNode.of(id) : held, spec.includes(), row, records);
    int position = 0;
    while (position < nodes.size()) {
      T other = (T) records.record(collection, nodes.get(position).id());
      if (other != null && order.compare(row, other) < 0) {
        break;
      }
      position++;
    }
    nodes.add(position, node);
  }

  /** Points the node's to-one includes at the rows the record's foreign keys name now. */
  private static <T> ResultNode withToOnes(ResultNode node, List<? extends Include<T, ?>> includes, T row,
      ResultRows.Records records) {
    Map<Include<?, ?>, Object> included = new HashMap<>(node.included());
    for (Include<T, ?> include : includes) {
      if (include.relation() instanceof ToOne<T, ?> toOne) {
        Object target = toOne.foreignKey().get(row);
        ResultNode current = node.toOne(include);
        if (current != null && current.id().equals(target)) {
          continue;
        }
        boolean held = target != null && records.record(toOne.target(), target) != null;
        included.put(include, held ? ResultNode.of(target) : java.util.Optional.empty());
      } else if (!included.containsKey(include)) {
        included.put(include, List.of());
      }
    }
    return new ResultNode(node.id(), included);
  }

  private static int indexOf(List<ResultNode> nodes, Object id) {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code records} with the pending writes applied over the cache, in the order they were made. */
  static ResultRows.Records overlay(RowCache cache, List<PendingMutation> pending) {
    return (collection, id) -> {
      Object record = cache.get(collection, id);
      long version = cache.version(collection, id);
      for (PendingMutation mutation : pending) {
        if (mutation.touches(collection, id) && !(mutation.acked() && version >= mutation.ackVersion)) {
          record = mutation.apply(record);
        }
      }
      return record;
    };
  }

}

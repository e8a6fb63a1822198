package dev.live.client;

import dev.live.engine.ConditionMatcher;
import dev.live.engine.RowOrder;
import dev.live.engine.ValueOrder;
import dev.live.query.Cardinality;
import dev.live.query.Condition;
import dev.live.query.Include;
import dev.live.query.QuerySpec;
import dev.live.query.ToOne;
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
 * decides as the server will. What it cannot decide locally it leaves to the server's delta:
 * a where with conditions on related rows only moves rows already in the result, a window that
 * loses a row is not refilled, and a new row's to-many includes start empty.
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
    Set<Object> touched = new LinkedHashSet<>();
    for (PendingMutation mutation : pending) {
      if (mutation.collection == collection && !(mutation.acked() && version >= mutation.ackVersion)) {
        touched.add(mutation.key);
      }
    }
    if (touched.isEmpty()) {
      return new View(confirmed, Set.of());
    }
    List<ResultNode> nodes = new ArrayList<>(confirmed);
    RowOrder<T> order = RowOrder.of(collection, spec.orderBy(), ORDER);
    boolean local = spec.where().map(ConditionMatcher::isLocal).orElse(true);
    for (Object id : touched) {
      place(spec, nodes, id, local, order, records);
    }
    int limit = spec.cardinality() == Cardinality.MANY ? spec.limit().orElse(Integer.MAX_VALUE) : 1;
    while (nodes.size() > limit) {
      nodes.remove(nodes.size() - 1);
    }
    Set<Object> shown = new LinkedHashSet<>();
    for (ResultNode node : nodes) {
      if (touched.contains(node.id())) {
        shown.add(node.id());
      }
    }
    return new View(List.copyOf(nodes), shown);
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
  private static <T> ResultNode withToOnes(ResultNode node, List<Include<T, ?>> includes, T row,
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

package dev.live.engine;

import dev.live.query.ValueOrder;
import dev.live.schema.FieldType;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Operators keyed by a range of one field ({@code due > x}, {@code position between a and b}), in
 * the database's order of the field's values ({@link ValueOrder}): a row reaches the operators
 * whose range can hold its value, found by an ordered search rather than by trying each. Those
 * with a lower bound are found among the lower bounds at or below the value (then checked against
 * their upper bound); those with only an upper bound among the upper bounds at or above it.
 */
final class RangeIndex {
  private final NavigableMap<Object, Set<Operator>> byLower;
  private final NavigableMap<Object, Set<Operator>> byUpperOnly;
  private final Map<Operator, NodeQuery.RangeKey<?>> keys = new HashMap<>();
  private final ValueOrder order;
  private final FieldType type;

  RangeIndex(FieldType type, ValueOrder order) {
    this.type = type;
    this.order = order;
    this.byLower = new TreeMap<>((a, b) -> order.compare(type, a, b));
    this.byUpperOnly = new TreeMap<>((a, b) -> order.compare(type, a, b));
  }

  void add(Operator operator, NodeQuery.RangeKey<?> key) {
    keys.put(operator, key);
    if (key.lower().isPresent()) {
      byLower.computeIfAbsent(key.lower().get(), v -> new LinkedHashSet<>()).add(operator);
    } else {
      byUpperOnly.computeIfAbsent(key.upper().orElseThrow(), v -> new LinkedHashSet<>()).add(operator);
    }
  }

  void remove(Operator operator) {
    NodeQuery.RangeKey<?> key = keys.remove(operator);
    if (key == null) {
      return;
    }
    NavigableMap<Object, Set<Operator>> map = key.lower().isPresent() ? byLower : byUpperOnly;
    Object bound = key.lower().isPresent() ? key.lower().get() : key.upper().orElseThrow();
    Set<Operator> operators = map.get(bound);
    if (operators != null) {
      operators.remove(operator);
      if (operators.isEmpty()) {
        map.remove(bound);
      }
    }
  }

  boolean isEmpty() {
    return keys.isEmpty();
  }

  /** Adds the operators whose range may hold {@code value} (null holds in none). */
  void candidates(Object value, Set<Operator> into) {
    if (value == null) {
      return;
    }
    for (Set<Operator> operators : byLower.headMap(value, true).values()) {
      for (Operator operator : operators) {
        NodeQuery.RangeKey<?> key = keys.get(operator);
        if (key.upper().isEmpty() || order.compare(type, value, key.upper().get()) <= 0) {
          into.add(operator);
        }
      }
    }
    for (Set<Operator> operators : byUpperOnly.tailMap(value, true).values()) {
      into.addAll(operators);
    }
  }
}

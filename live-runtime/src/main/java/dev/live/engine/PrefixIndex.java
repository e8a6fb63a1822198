package dev.live.engine;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Operators keyed by a prefix of one string field ({@code title startsWith "Q1"}): a row reaches
 * those whose prefix its value starts with, found by looking up its value's own prefixes of the
 * lengths in use, one lookup per distinct length.
 */
final class PrefixIndex {
  private final Map<String, Set<Operator>> byPrefix = new HashMap<>();
  /** Distinct prefix lengths in use, with how many prefixes have each. */
  private final TreeMap<Integer, Integer> lengths = new TreeMap<>();

  void add(Operator operator, String prefix) {
    Set<Operator> operators = byPrefix.computeIfAbsent(prefix, p -> new LinkedHashSet<>());
    if (operators.isEmpty()) {
      lengths.merge(prefix.length(), 1, Integer::sum);
    }
    operators.add(operator);
  }

  void remove(Operator operator, String prefix) {
    Set<Operator> operators = byPrefix.get(prefix);
    if (operators != null && operators.remove(operator) && operators.isEmpty()) {
      byPrefix.remove(prefix);
      lengths.computeIfPresent(prefix.length(), (length, count) -> count == 1 ? null : count - 1);
    }
  }

  boolean isEmpty() {
    return byPrefix.isEmpty();
  }

  /** Adds the operators whose prefix {@code value} starts with (null starts with none). */
  void candidates(String value, Set<Operator> into) {
    if (value == null) {
      return;
    }
    for (int length : lengths.headMap(value.length(), true).keySet()) {
      Set<Operator> operators = byPrefix.get(value.substring(0, length));
      if (operators != null) {
        into.addAll(operators);
      }
    }
  }
}

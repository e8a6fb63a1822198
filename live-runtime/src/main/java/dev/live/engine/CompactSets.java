package dev.live.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A map from keys to sets of values that keeps a key's only value without a set: most rows are
 * held, included or pointed to by one node, and a set per row would cost more than the row.
 *
 * @param <K> the keys
 * @param <V> the values, never sets themselves
 */
final class CompactSets<K, V> {
  private final Map<K, Object> map = new HashMap<>();

  /** Adds {@code value} to {@code key}'s values. */
  @SuppressWarnings("unchecked")
  void add(K key, V value) {
    Object current = map.putIfAbsent(key, value);
    if (current == null || current.equals(value)) {
      return;
    }
    if (current instanceof LinkedHashSet<?> set) {
      ((Set<V>) set).add(value);
      return;
    }
    Set<V> set = new LinkedHashSet<>(4);
    set.add((V) current);
    set.add(value);
    map.put(key, set);
  }

  /** Removes {@code value} from {@code key}'s values; the key goes with its last value. */
  void remove(K key, V value) {
    Object current = map.get(key);
    if (current == null) {
      return;
    }
    if (current instanceof LinkedHashSet<?> set) {
      set.remove(value);
      if (set.size() == 1) {
        map.put(key, set.iterator().next());
      }
    } else if (current.equals(value)) {
      map.remove(key);
    }
  }

  /** Adds {@code key}'s values to {@code into}. */
  @SuppressWarnings("unchecked")
  void addTo(K key, Collection<? super V> into) {
    Object current = map.get(key);
    if (current == null) {
      return;
    }
    if (current instanceof LinkedHashSet<?> set) {
      into.addAll((Set<V>) set);
    } else {
      into.add((V) current);
    }
  }

  boolean isEmpty() {
    return map.isEmpty();
  }
}

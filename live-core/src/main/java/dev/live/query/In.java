package dev.live.query;

import java.util.List;
import java.util.Objects;

/** A field whose value is one of a list; an empty list matches no row. */
public record In<T, V>(ValueField<T, V> field, List<V> values) implements Condition<T> {
  public In {
    Objects.requireNonNull(field, "field");
    for (V value : values) {
      if (value == null) {
        throw new NullPointerException("the values of " + field.name()
            + ".in(...) must not be null; use isNull() to test for null");
      }
    }
    values = List.copyOf(values);
  }
}

package dev.live.query;

import java.util.Arrays;

/**
 * A condition on rows of collection {@code T}, built from the metamodel and combined with
 * {@link #and}, {@link #or} and {@link #not}:
 *
 * <pre>{@code
 * Condition<Task> open = Task_.done.isFalse().and(Task_.due.lt(now).or(Task_.assigneeId.isNull()));
 * }</pre>
 *
 * <p>Semantics are two-valued, the same in storage and in memory: a comparison or match
 * against a field holding null is false, except {@code ne}, which is defined as {@code
 * not(eq)} and so is true; {@code not} is the complement of its condition.
 */
public sealed interface Condition<T>
    permits Comparison, In, NullCheck, TextMatch, And, Or, Not, RelationMatch {

  /** Rows matching this condition and {@code other}. */
  default Condition<T> and(Condition<T> other) {
    return And.of(this, other);
  }

  /** Rows matching this condition or {@code other}. */
  default Condition<T> or(Condition<T> other) {
    return Or.of(this, other);
  }

  /** Rows not matching {@code condition}. */
  static <T> Condition<T> not(Condition<T> condition) {
    return new Not<>(condition);
  }

  /** Rows matching every one of {@code conditions} (at least one). */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, through Arrays.asList
  static <T> Condition<T> allOf(Condition<T>... conditions) {
    return new And<>(Arrays.asList(conditions));
  }

  /** Rows matching at least one of {@code conditions} (at least one). */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, through Arrays.asList
  static <T> Condition<T> anyOf(Condition<T>... conditions) {
    return new Or<>(Arrays.asList(conditions));
  }
}

package dev.live.query;

/**
 * The null tests, offered only by fields declared {@code @Nullable}: the metamodel gives such
 * fields a {@code Nullable...Field} type, so {@code isNull()} on a required field does not
 * compile.
 */
public interface NullableField<T> {
  /** Rows where the field holds null. */
  Condition<T> isNull();

  /** Rows where the field holds a value. */
  Condition<T> isNotNull();
}

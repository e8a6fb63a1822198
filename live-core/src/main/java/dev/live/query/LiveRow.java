package dev.live.query;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A result row of a query with includes: the record and its included related rows. The
 * processor generates one subclass per collection ({@code TaskRow}) with a typed accessor per
 * relation; calling one for a relation the query did not include throws {@link
 * IllegalStateException} naming the include to add.
 */
public abstract class LiveRow<T> {
  private final T value;
  private final IncludedValues included;

  protected LiveRow(T value, IncludedValues included) {
    this.value = Objects.requireNonNull(value, "value");
    this.included = Objects.requireNonNull(included, "included");
  }

  /** The row's record. */
  public T value() {
    return value;
  }

  public IncludedValues included() {
    return included;
  }

  protected final <R> Optional<R> toOne(ToOne<T, ?> relation) {
    return included.toOne(relation);
  }

  protected final <R> List<R> toMany(ToMany<T, ?> relation) {
    return included.toMany(relation);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LiveRow<?> that
        && getClass() == that.getClass()
        && value.equals(that.value)
        && included.equals(that.included);
  }

  @Override
  public int hashCode() {
    return 31 * value.hashCode() + included.hashCode();
  }

  @Override
  public String toString() {
    return included.equals(IncludedValues.none()) ? value.toString() : value + " with " + included;
  }
}

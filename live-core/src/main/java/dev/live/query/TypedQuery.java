package dev.live.query;

import java.util.Objects;

/**
 * A query as data ({@link #spec()}) plus how its result rows are typed ({@link #shape()}).
 * {@link ListQuery} asks for a list, {@link SingleQuery} for at most one row.
 */
public abstract class TypedQuery<T, R> {
  private final QuerySpec<T> spec;
  private final RowShape<T, R> shape;

  TypedQuery(QuerySpec<T> spec, RowShape<T, R> shape) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.shape = Objects.requireNonNull(shape, "shape");
  }

  /** The query as data. */
  public final QuerySpec<T> spec() {
    return spec;
  }

  /** How result rows are built. */
  public final RowShape<T, R> shape() {
    return shape;
  }

  /** The wire form of this query. */
  public final String toJson() {
    return QueryJson.encode(spec);
  }

  @Override
  public final boolean equals(Object other) {
    return other instanceof TypedQuery<?, ?> that && spec.equals(that.spec) && shape == that.shape;
  }

  @Override
  public final int hashCode() {
    return spec.hashCode();
  }

  @Override
  public final String toString() {
    return toJson();
  }
}

package dev.live.query;

/**
 * A typed query for at most one row: {@code first()} or {@code one(id)} of a generated query.
 * Its result is an {@code Optional<R>}.
 */
public final class SingleQuery<T, R> extends TypedQuery<T, R> {
  public SingleQuery(QuerySpec<T> spec, RowShape<T, R> shape) {
    super(spec, shape);
    if (spec.cardinality() == Cardinality.MANY) {
      throw new IllegalArgumentException("a single query needs cardinality FIRST or ONE");
    }
  }
}

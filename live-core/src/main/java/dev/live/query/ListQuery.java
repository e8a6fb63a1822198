package dev.live.query;

/**
 * A typed query for a list of rows. The processor generates one subclass per collection
 * ({@code TaskQuery<R>}) with the builder methods; {@code R} is the record when nothing is
 * included and the generated row type ({@code TaskRow}) once something is.
 */
public abstract class ListQuery<T, R> extends TypedQuery<T, R> {
  protected ListQuery(QuerySpec<T> spec, RowShape<T, R> shape) {
    super(spec, shape);
    if (spec.cardinality() != Cardinality.MANY) {
      throw new IllegalArgumentException("a list query needs cardinality MANY");
    }
  }
}

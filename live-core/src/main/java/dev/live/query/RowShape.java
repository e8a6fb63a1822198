package dev.live.query;

/**
 * How a query turns a record and its included rows into a result element: the record itself
 * when nothing is included, or the generated row type ({@code TaskRow::new}) when something is.
 * Shapes are constants, compared by identity.
 */
@FunctionalInterface
public interface RowShape<T, R> {
  R build(T value, IncludedValues included);

  /** The record itself: for queries without includes. */
  @SuppressWarnings("unchecked")
  static <T> RowShape<T, T> plain() {
    return (RowShape<T, T>) Plain.INSTANCE;
  }

  /** Holder of the one plain shape. */
  final class Plain {
    static final RowShape<Object, Object> INSTANCE = (value, included) -> value;

    private Plain() {}
  }
}

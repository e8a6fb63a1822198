package dev.live.query;

import dev.live.json.JsonCodec;
import dev.live.schema.FieldInfo;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * A field that can be compared for equality: every type except nested records and lists.
 *
 * <pre>{@code
 * TaskQuery.where(Task_.status.in(Status.TODO, Status.DOING))
 * }</pre>
 */
public class ValueField<T, V> extends Field<T, V> {
  public ValueField(FieldInfo info, JsonCodec<V> codec, Function<T, V> getter) {
    super(info, codec, getter);
  }

  /** Rows whose value equals {@code value}; use {@code isNull()} to match null. */
  public Condition<T> eq(V value) {
    return new Comparison<>(this, Comparison.Operator.EQ, value);
  }

  /** Rows whose value differs from {@code value}; rows holding null match too. */
  public Condition<T> ne(V value) {
    return new Comparison<>(this, Comparison.Operator.NE, value);
  }

  /** Rows whose value is one of {@code values}; no values matches no row. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, through Arrays.asList
  public final Condition<T> in(V... values) {
    return new In<>(this, Arrays.asList(values));
  }

  /** Rows whose value is one of {@code values}; an empty collection matches no row. */
  public Condition<T> in(Collection<? extends V> values) {
    return new In<>(this, List.copyOf(values));
  }
}

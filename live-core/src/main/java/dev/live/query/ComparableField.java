package dev.live.query;

import dev.live.json.JsonCodec;
import dev.live.schema.FieldInfo;
import java.util.function.Function;

/**
 * A field with an order: numbers, decimals, instants and dates (strings extend it too).
 *
 * <pre>{@code
 * TaskQuery.where(Task_.due.lt(now)).orderBy(Task_.due.asc())
 * }</pre>
 */
public class ComparableField<T, V extends Comparable<? super V>> extends ValueField<T, V>
    implements Sortable<T> {
  public ComparableField(FieldInfo info, JsonCodec<V> codec, Function<T, V> getter) {
    super(info, codec, getter);
  }

  public Condition<T> gt(V value) {
    return new Comparison<>(this, Comparison.Operator.GT, value);
  }

  public Condition<T> gte(V value) {
    return new Comparison<>(this, Comparison.Operator.GTE, value);
  }

  public Condition<T> lt(V value) {
    return new Comparison<>(this, Comparison.Operator.LT, value);
  }

  public Condition<T> lte(V value) {
    return new Comparison<>(this, Comparison.Operator.LTE, value);
  }

  @Override
  public Order<T> asc() {
    return Order.by(this, Order.Direction.ASC);
  }

  @Override
  public Order<T> desc() {
    return Order.by(this, Order.Direction.DESC);
  }
}

package dev.live.query;

import dev.live.json.JsonCodec;
import dev.live.schema.FieldInfo;
import java.util.function.Function;

/** A nullable {@link ComparableField}; nulls sort after every value. */
public class NullableComparableField<T, V extends Comparable<? super V>> extends ComparableField<T, V> implements NullableField<T> {
  public NullableComparableField(FieldInfo info, JsonCodec<V> codec, Function<T, V> getter) {
    super(info, codec, getter);
  }

  @Override
  public Condition<T> isNull() {
    return new NullCheck<>(this, true);
  }

  @Override
  public Condition<T> isNotNull() {
    return new NullCheck<>(this, false);
  }
}

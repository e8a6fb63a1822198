package dev.live.query;

import dev.live.json.JsonCodec;
import dev.live.schema.FieldInfo;
import java.util.function.Function;

/** A nullable {@link ValueField}. */
public class NullableValueField<T, V> extends ValueField<T, V> implements NullableField<T> {
  public NullableValueField(FieldInfo info, JsonCodec<V> codec, Function<T, V> getter) {
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

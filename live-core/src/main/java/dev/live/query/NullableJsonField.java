package dev.live.query;

import dev.live.json.JsonCodec;
import dev.live.schema.FieldInfo;
import java.util.function.Function;

/** A nullable {@link JsonField}. */
public class NullableJsonField<T, V> extends JsonField<T, V> implements NullableField<T> {
  public NullableJsonField(FieldInfo info, JsonCodec<V> codec, Function<T, V> getter) {
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

package dev.live.query;

import dev.live.json.JsonCodec;
import dev.live.schema.FieldInfo;
import java.util.function.Function;

/**
 * A nested record or list, stored as JSON. It is read and written whole; queries cannot filter
 * or sort on its content.
 */
public class JsonField<T, V> extends Field<T, V> {
  public JsonField(FieldInfo info, JsonCodec<V> codec, Function<T, V> getter) {
    super(info, codec, getter);
  }
}

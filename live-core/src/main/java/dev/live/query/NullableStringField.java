package dev.live.query;

import dev.live.schema.FieldInfo;
import java.util.function.Function;

/** A nullable {@link StringField}; nulls sort after every value. */
public class NullableStringField<T> extends StringField<T> implements NullableField<T> {
  public NullableStringField(FieldInfo info, Function<T, String> getter) {
    super(info, getter);
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

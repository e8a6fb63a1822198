package dev.live.query;

import dev.live.schema.FieldInfo;
import java.util.function.Function;

/** A nullable {@link BooleanField}; nulls sort after every value. */
public class NullableBooleanField<T> extends BooleanField<T> implements NullableField<T> {
  public NullableBooleanField(FieldInfo info, Function<T, Boolean> getter) {
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

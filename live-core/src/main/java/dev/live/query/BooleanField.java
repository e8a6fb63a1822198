package dev.live.query;

import dev.live.json.Codecs;
import dev.live.schema.FieldInfo;
import java.util.function.Function;

/** A boolean field; {@code false} sorts before {@code true}. */
public class BooleanField<T> extends ValueField<T, Boolean> implements Sortable<T> {
  public BooleanField(FieldInfo info, Function<T, Boolean> getter) {
    super(info, Codecs.BOOLEAN, getter);
  }

  public Condition<T> isTrue() {
    return eq(Boolean.TRUE);
  }

  public Condition<T> isFalse() {
    return eq(Boolean.FALSE);
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

package dev.live.query;

import dev.live.json.JsonCodec;
import dev.live.schema.FieldInfo;
import dev.live.schema.FieldType;
import java.util.Objects;
import java.util.function.Function;

/**
 * A typed path to one field of a collection record, as found in the generated metamodel
 * ({@code Task_.title}). Subclasses offer the operators that fit the field's type; fields are
 * singletons, compared by identity.
 *
 * @param <T> the collection record
 * @param <V> the field's value type (boxed for primitives)
 */
public abstract class Field<T, V> {
  private final FieldInfo info;
  private final JsonCodec<V> codec;
  private final Function<T, V> getter;

  protected Field(FieldInfo info, JsonCodec<V> codec, Function<T, V> getter) {
    this.info = Objects.requireNonNull(info, "info");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.getter = Objects.requireNonNull(getter, "getter");
    // The metamodel type decides whether isNull() compiles; it must agree with the schema.
    if ((this instanceof NullableField) != info.isNullable()) {
      throw new IllegalArgumentException("field " + info.name() + " is "
          + (info.isNullable() ? "nullable" : "required") + " but its path type is "
          + getClass().getSimpleName());
    }
  }

  public FieldInfo info() {
    return info;
  }

  /** The field's name, as on the wire. */
  public String name() {
    return info.name();
  }

  /** The storage column. */
  public String column() {
    return info.column();
  }

  /** The position among the record's components, from 0. */
  public int index() {
    return info.index();
  }

  public FieldType type() {
    return info.type();
  }

  public boolean isNullable() {
    return info.isNullable();
  }

  public boolean isId() {
    return info.isId();
  }

  /** The codec of a single value of this field, as used in query values. */
  public JsonCodec<V> codec() {
    return codec;
  }

  /** This field's value in {@code record}. */
  public V get(T record) {
    return getter.apply(record);
  }

  @Override
  public String toString() {
    return info.name();
  }
}

package dev.live.dto;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.query.Field;
import dev.live.schema.CollectionSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A partial change to one row: the fields that are set, and their new values. Setting a
 * nullable field to null is a change; leaving it unset is not. The id is never updatable. The
 * processor generates one subclass per collection ({@code TaskUpdate}), immutable, each setter
 * returning a new value:
 *
 * <pre>{@code
 * TaskUpdate change = TaskUpdate.of().done(true).assigneeId(null);
 * Task after = change.applyTo(before);
 * }</pre>
 */
public abstract class UpdateDto<T> {
  private final Object[] values;
  private final boolean[] set;

  /** An update that sets nothing, for a collection with {@code fieldCount} fields. */
  protected UpdateDto(int fieldCount) {
    this.values = new Object[fieldCount];
    this.set = new boolean[fieldCount];
  }

  /** A copy of {@code from} that also sets the field at {@code index} to {@code value}. */
  protected UpdateDto(UpdateDto<T> from, int index, Object value) {
    this.values = from.values.clone();
    this.set = from.set.clone();
    this.values[index] = value;
    this.set[index] = true;
  }

  /** The collection whose row this changes. */
  public abstract CollectionSchema<T> collection();

  /** The record {@code before} with this update's changes applied. */
  public abstract T applyTo(T before);

  /** Whether this update sets {@code field}. */
  public final boolean isSet(Field<T, ?> field) {
    return set[field.index()];
  }

  /** The new value of {@code field}, which must be set. */
  @SuppressWarnings("unchecked")
  public final <V> V get(Field<T, V> field) {
    if (!set[field.index()]) {
      throw new IllegalStateException(field.name() + " is not set in this update");
    }
    return (V) values[field.index()];
  }

  /** The fields this update sets, in the record's component order. */
  public final List<Field<T, ?>> changedFields() {
    List<Field<T, ?>> changed = new ArrayList<>();
    for (Field<T, ?> field : collection().fields()) {
      if (set[field.index()]) {
        changed.add(field);
      }
    }
    return changed;
  }

  /** Whether this update sets no field. */
  public final boolean isEmpty() {
    for (boolean isSet : set) {
      if (isSet) {
        return false;
      }
    }
    return true;
  }

  /** For generated code: whether the field at {@code index} is set. */
  protected final boolean isSetAt(int index) {
    return set[index];
  }

  /** For generated code: the value of the field at {@code index}. */
  protected final Object valueAt(int index) {
    return values[index];
  }

  /** For generated setters of required fields: a clear error for null. */
  protected static <V> V requireValue(V value, String type, String field) {
    if (value == null) {
      throw new LiveException(ErrorCode.NULL_NOT_ALLOWED,
          type + "." + field + ": must not be null; " + field + " is required");
    }
    return value;
  }

  @Override
  public final boolean equals(Object other) {
    return other instanceof UpdateDto<?> that
        && collection() == that.collection()
        && Arrays.equals(set, that.set)
        && Arrays.equals(values, that.values);
  }

  @Override
  public final int hashCode() {
    return Objects.hash(collection().name(), Arrays.hashCode(set), Arrays.hashCode(values));
  }

  @Override
  public final String toString() {
    StringBuilder text = new StringBuilder(getClass().getSimpleName()).append('{');
    String separator = "";
    for (Field<T, ?> field : collection().fields()) {
      if (set[field.index()]) {
        text.append(separator).append(field.name()).append('=').append(values[field.index()]);
        separator = ", ";
      }
    }
    return text.append('}').toString();
  }
}

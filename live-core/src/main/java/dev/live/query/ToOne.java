package dev.live.query;

import dev.live.schema.CollectionSchema;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The to-one side of a reference: {@code Task_.assignee} follows {@code Task.assigneeId} to a
 * {@code User}.
 *
 * <pre>{@code
 * TaskQuery.where(Task_.assignee.is(User_.name.eq("Ann"))).include(Task_.assignee)
 * }</pre>
 */
public final class ToOne<T, U> extends Relation<T, U> {
  private final Field<T, ?> foreignKey;

  public ToOne(String name, Field<T, ?> foreignKey,
      Supplier<CollectionSchema<T>> source, Supplier<CollectionSchema<U>> target) {
    super(name, source, target);
    this.foreignKey = Objects.requireNonNull(foreignKey, "foreignKey");
  }

  /** The field of {@code T} holding the target's id. */
  public Field<T, ?> foreignKey() {
    return foreignKey;
  }

  /** Rows whose target exists and matches {@code condition}. */
  public Condition<T> is(Condition<U> condition) {
    return new RelationMatch<>(this, RelationMatch.Quantifier.IS, condition);
  }

  /** This relation included, holding the target only when it matches {@code condition}. */
  public Include<T, U> where(Condition<U> condition) {
    return toInclude().where(condition);
  }

  /** This relation included with the target's own relations included in turn. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, through Arrays.asList
  public final Include<T, U> include(Includable<U>... nested) {
    return toInclude().include(Arrays.asList(nested));
  }

  @Override
  public String kindName() {
    return "to-one";
  }
}

package dev.live.query;

import dev.live.schema.CollectionSchema;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The inverse side of a reference: {@code User_.tasks} holds the tasks whose {@code assigneeId}
 * is the user's id.
 *
 * <pre>{@code
 * UserQuery.where(User_.tasks.some(Task_.done.isFalse()))
 *     .include(User_.tasks.where(Task_.done.isFalse()).orderBy(Task_.due.asc()).limit(5))
 * }</pre>
 */
public final class ToMany<T, U> extends Relation<T, U> {
  private final Supplier<ToOne<U, T>> inverse;

  public ToMany(String name, Supplier<ToOne<U, T>> inverse,
      Supplier<CollectionSchema<T>> source, Supplier<CollectionSchema<U>> target) {
    super(name, source, target);
    this.inverse = Objects.requireNonNull(inverse, "inverse");
  }

  /** The to-one relation this one inverts; its foreign key lives in {@code U}. */
  public ToOne<U, T> inverse() {
    return inverse.get();
  }

  /** Rows with at least one related row matching {@code condition}. */
  public Condition<T> some(Condition<U> condition) {
    return new RelationMatch<>(this, RelationMatch.Quantifier.SOME, condition);
  }

  /** Rows with no related row matching {@code condition}. */
  public Condition<T> none(Condition<U> condition) {
    return new RelationMatch<>(this, RelationMatch.Quantifier.NONE, condition);
  }

  /** Rows whose related rows all match {@code condition} (true when there are none). */
  public Condition<T> every(Condition<U> condition) {
    return new RelationMatch<>(this, RelationMatch.Quantifier.EVERY, condition);
  }

  /** This relation included, keeping only related rows that match {@code condition}. */
  public Include<T, U> where(Condition<U> condition) {
    return toInclude().where(condition);
  }

  /** This relation included, its rows in the given order. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, through Arrays.asList
  public final Include<T, U> orderBy(Order<U>... orders) {
    return toInclude().orderBy(orders);
  }

  /** This relation included, with at most {@code limit} rows per parent. */
  public Include<T, U> limit(int limit) {
    return toInclude().limit(limit);
  }

  /** This relation included with the related rows' own relations included in turn. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, through Arrays.asList
  public final Include<T, U> include(Includable<U>... nested) {
    return toInclude().include(Arrays.asList(nested));
  }

  @Override
  public String kindName() {
    return "to-many";
  }
}

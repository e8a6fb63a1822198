package dev.live.query;

import dev.live.schema.CollectionSchema;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A relation between two collections, declared by {@code @Ref}: a {@link ToOne} from the
 * referencing record, and optionally its inverse {@link ToMany}. Relations are singletons in
 * the metamodel, compared by identity.
 *
 * <p>Collections refer to each other in cycles, so both ends are reached through suppliers and
 * resolved on first use, after every metamodel class is initialized.
 *
 * @param <T> the record the relation starts from
 * @param <U> the related record
 */
public abstract sealed class Relation<T, U> implements Includable<T> permits ToOne, ToMany {
  private final String name;
  private final Supplier<CollectionSchema<T>> source;
  private final Supplier<CollectionSchema<U>> target;

  Relation(String name, Supplier<CollectionSchema<T>> source, Supplier<CollectionSchema<U>> target) {
    this.name = Objects.requireNonNull(name, "name");
    this.source = Objects.requireNonNull(source, "source");
    this.target = Objects.requireNonNull(target, "target");
  }

  /** The relation's name, as used on the wire and in {@code include}. */
  public String name() {
    return name;
  }

  public CollectionSchema<T> source() {
    return source.get();
  }

  public CollectionSchema<U> target() {
    return target.get();
  }

  /** "to-one" or "to-many", for messages. */
  public abstract String kindName();

  @Override
  public Include<T, U> toInclude() {
    return Include.of(this);
  }

  @Override
  public String toString() {
    return name;
  }
}

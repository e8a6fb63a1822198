package dev.live.query;

import java.util.Objects;

/**
 * One key of an {@code orderBy}: a sortable field, its direction, and where nulls go. By
 * default nulls sort as if larger than every value: last ascending, first descending.
 *
 * <pre>{@code
 * TaskQuery.all().orderBy(Task_.due.asc().nullsFirst(), Task_.title.asc())
 * }</pre>
 */
public record Order<T>(Field<T, ?> field, Direction direction, Nulls nulls) {
  public Order {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(nulls, "nulls");
    if (!(field instanceof Sortable)) {
      throw new IllegalArgumentException(field.name() + " cannot be sorted: only numbers, strings,"
          + " booleans, decimals, dates and instants can");
    }
  }

  static <T> Order<T> by(Field<T, ?> field, Direction direction) {
    return new Order<>(field, direction, direction == Direction.DESC ? Nulls.FIRST : Nulls.LAST);
  }

  /** The same key with nulls before every value. */
  public Order<T> nullsFirst() {
    return new Order<>(field, direction, Nulls.FIRST);
  }

  /** The same key with nulls after every value. */
  public Order<T> nullsLast() {
    return new Order<>(field, direction, Nulls.LAST);
  }

  /** Ascending or descending. */
  public enum Direction {
    ASC,
    DESC
  }

  /** Where null values go. */
  public enum Nulls {
    FIRST,
    LAST
  }
}

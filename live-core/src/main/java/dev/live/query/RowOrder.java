package dev.live.query;

import dev.live.query.Field;
import dev.live.query.Order;
import dev.live.schema.CollectionSchema;
import dev.live.schema.FieldType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The order storage gives the rows of a query, as a comparator: the {@code orderBy} keys, each
 * with its direction and its null placement, then the id ascending unless the id is already a
 * key. Ids are unique, so the order is total and a row has one defined place in a window.
 *
 * <pre>{@code
 * RowOrder<Task> order = RowOrder.of(Task_.COLLECTION, spec.orderBy(), ValueOrder.POSTGRESQL);
 * int position = Collections.binarySearch(window, changed, order);
 * }</pre>
 *
 * <p>Null placement does not depend on the direction: {@code NULLS FIRST} puts nulls first in
 * a descending order too, as in SQL.
 */
public final class RowOrder<T> implements Comparator<T> {
  private final List<Key<T>> keys;
  private final ValueOrder order;

  private RowOrder(List<Key<T>> keys, ValueOrder order) {
    this.keys = List.copyOf(keys);
    this.order = order;
  }

  /** The order of {@code collection}'s rows that {@code orderBy} gives on the database {@code order} describes. */
  public static <T> RowOrder<T> of(CollectionSchema<T> collection, List<Order<T>> orderBy, ValueOrder order) {
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(order, "order");
    List<Key<T>> keys = new ArrayList<>(orderBy.size() + 1);
    boolean byId = false;
    for (Order<T> key : orderBy) {
      keys.add(new Key<>(key.field(), key.field().type(), key.direction() == Order.Direction.DESC,
          key.nulls() == Order.Nulls.FIRST));
      byId |= key.field().isId();
    }
    if (!byId) {
      keys.add(new Key<>(collection.id(), collection.id().type(), false, false));
    }
    return new RowOrder<>(keys, order);
  }

  @Override
  public int compare(T a, T b) {
    for (int i = 0; i < keys.size(); i++) {
      Key<T> key = keys.get(i);
      Object x = key.field().get(a);
      Object y = key.field().get(b);
      int result;
      if (x == null || y == null) {
        if (x == y) {
          continue;
        }
        result = (x == null) == key.nullsFirst() ? -1 : 1;
      } else {
        // Swapping the operands reverses the order without negating, which could overflow.
        result = key.descending() ? order.compare(key.type(), y, x) : order.compare(key.type(), x, y);
      }
      if (result != 0) {
        return result;
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return keys.toString();
  }

  /** One key, with what {@code compare} needs at hand. */
  private record Key<T>(Field<T, ?> field, FieldType type, boolean descending, boolean nullsFirst) {
    @Override
    public String toString() {
      return field.name() + (descending ? " DESC" : " ASC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
    }
  }
}

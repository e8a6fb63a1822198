package dev.live.storage;

import dev.live.query.Field;
import dev.live.schema.CollectionSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether two values of a field would be stored the same: decimals by value (storage keeps no
 * trailing zeros), instants to the microsecond (storage's precision). An update writes, and logs
 * as changed, only the fields that differ in this sense.
 */
public final class StoredValueEquality {
  private StoredValueEquality() {}

  /** The fields whose value differs between {@code before} and {@code after}, in component order. */
  public static <T> List<Field<T, ?>> changedFields(CollectionSchema<T> collection, T before, T after) {
    List<Field<T, ?>> changed = new ArrayList<>();
    for (Field<T, ?> field : collection.fields()) {
      if (!same(field.get(before), field.get(after))) {
        changed.add(field);
      }
    }
    return changed;
  }

  static boolean same(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof Instant x && b instanceof Instant y) {
      return x.truncatedTo(ChronoUnit.MICROS).equals(y.truncatedTo(ChronoUnit.MICROS));
    }
    return Objects.equals(a, b);
  }
}

package dev.live.storage;

import dev.live.query.Field;
import dev.live.schema.FieldType;
import java.util.List;

/** A parameter of a statement Live builds, bound in order by {@link Sql}. */
sealed interface SqlParam {
  /** A value of a field, bound by the field's type. */
  record Value(Field<?, ?> field, Object value) implements SqlParam {}

  /** A string that is not a field value: a LIKE pattern. */
  record Text(String text) implements SqlParam {}

  /** A row count: a limit. */
  record Count(int count) implements SqlParam {}

  /** Ids for {@code = ANY(?)}: one array parameter, however many ids. */
  record Ids(FieldType type, List<Object> ids) implements SqlParam {}
}

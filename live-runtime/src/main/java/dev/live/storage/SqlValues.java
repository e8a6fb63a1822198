package dev.live.storage;

import dev.live.jdbc.ParameterWriter;
import dev.live.json.LiveJson;
import dev.live.query.Field;
import dev.live.schema.FieldType;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Binds one field's value to a statement parameter by the field's type: for query values and
 * for the columns an update changes. The values come from typed paths and records, so each cast
 * matches the field's declared type.
 */
final class SqlValues {
  private SqlValues() {}

  static void bind(ParameterWriter out, int index, Field<?, ?> field, Object value) throws SQLException {
    if (value == null) {
      out.setNull(index, field.type());
      return;
    }
    switch (field.type()) {
      case STRING:
        out.setString(index, (String) value);
        break;
      case BOOLEAN:
        out.setBoolean(index, (Boolean) value);
        break;
      case INT:
        out.setInt(index, (Integer) value);
        break;
      case LONG:
        out.setLong(index, (Long) value);
        break;
      case DOUBLE:
        out.setDouble(index, (Double) value);
        break;
      case DECIMAL:
        out.setDecimal(index, (BigDecimal) value);
        break;
      case INSTANT:
        out.setInstant(index, (Instant) value);
        break;
      case LOCAL_DATE:
        out.setLocalDate(index, (LocalDate) value);
        break;
      case UUID:
        out.setUuid(index, (UUID) value);
        break;
      case ENUM:
        out.setString(index, ((Enum<?>) value).name());
        break;
      case JSON:
        out.setJson(index, json(field, value));
        break;
      default:
        throw new IllegalArgumentException("cannot bind a value of type " + field.type());
    }
  }

  @SuppressWarnings("unchecked")
  private static <V> String json(Field<?, V> field, Object value) {
    return LiveJson.encode(field.codec(), (V) value);
  }

  /** An id as the change log and the client table keep it: its canonical text. */
  static String idText(Object id) {
    return id.toString();
  }

  /** The id of a collection whose id field has {@code type}, from its canonical text. */
  static Object idFromText(FieldType type, String text) {
    switch (type) {
      case STRING:
        return text;
      case INT:
        return Integer.valueOf(text);
      case LONG:
        return Long.valueOf(text);
      case UUID:
        return UUID.fromString(text);
      default:
        throw new IllegalArgumentException(type + " is not an id type");
    }
  }
}

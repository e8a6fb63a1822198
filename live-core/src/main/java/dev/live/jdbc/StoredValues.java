package dev.live.jdbc;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.json.DecodeException;
import dev.live.json.JsonCodec;
import dev.live.json.LiveJson;

/**
 * Checks of values read from storage, for generated row mappers. A value the schema cannot
 * represent means storage was changed behind Live's back; it is reported, never passed on.
 */
public final class StoredValues {
  private StoredValues() {}

  /** {@code value}, which a required column must not hold as NULL. */
  public static <V> V required(V value, String table, String column) {
    if (value == null) {
      throw nullInRequiredColumn(table, column);
    }
    return value;
  }

  public static LiveException nullInRequiredColumn(String table, String column) {
    return new LiveException(ErrorCode.INVALID_STORED_VALUE,
        "column " + table + "." + column + " holds NULL, but its field is required");
  }

  /** The enum constant for a stored name, which must be one of {@code allowed}. */
  public static LiveException unknownEnumName(String table, String column, String name, String allowed) {
    return new LiveException(ErrorCode.INVALID_STORED_VALUE, "column " + table + "." + column
        + " holds '" + name + "', which is not one of " + allowed);
  }

  /** A JSON column decoded with {@code codec}, or null for NULL. */
  public static <V> V json(String text, JsonCodec<V> codec, String table, String column) {
    if (text == null) {
      return null;
    }
    try {
      return LiveJson.decode(codec, text);
    } catch (DecodeException e) {
      throw new LiveException(ErrorCode.INVALID_STORED_VALUE,
          "column " + table + "." + column + " holds JSON its field cannot read: " + e.getMessage(), e);
    }
  }
}

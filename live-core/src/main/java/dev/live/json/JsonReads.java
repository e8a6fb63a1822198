package dev.live.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.live.error.ErrorCode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Reads built-in types from the parser's current token, for generated codecs. Every method
 * takes the name of the field being read ({@code ""} for a bare value) and reports a problem as
 * a {@link DecodeException} naming that field and the position.
 *
 * <p>The plain methods reject JSON {@code null}; the {@code nullable...} ones return null.
 */
public final class JsonReads {
  private JsonReads() {}

  /** A string that storage can hold: without U+0000 and unpaired surrogates (see {@link ValueRanges}). */
  public static String string(JsonParser in, String field) throws IOException {
    if (in.currentToken() != JsonToken.VALUE_STRING) {
      throw unexpected(in, field, "a string");
    }
    String text = in.getText();
    String problem = ValueRanges.textProblem(text);
    if (problem != null) {
      throw invalid(in, field, problem);
    }
    return text;
  }

  public static @Nullable String nullableString(JsonParser in, String field) throws IOException {
    return isNull(in) ? null : string(in, field);
  }

  public static boolean bool(JsonParser in, String field) throws IOException {
    JsonToken token = in.currentToken();
    if (token == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (token == JsonToken.VALUE_FALSE) {
      return false;
    }
    throw unexpected(in, field, "true or false");
  }

  public static @Nullable Boolean nullableBool(JsonParser in, String field) throws IOException {
    return isNull(in) ? null : bool(in, field);
  }

  public static int intValue(JsonParser in, String field) throws IOException {
    requireInteger(in, field, "an integer");
    if (in.getNumberType() != JsonParser.NumberType.INT) {
      throw invalid(in, field, "integer " + in.getText() + " is out of range for int ("
          + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")");
    }
    return in.getIntValue();
  }

  public static @Nullable Integer nullableInt(JsonParser in, String field) throws IOException {
    return isNull(in) ? null : intValue(in, field);
  }

  public static long longValue(JsonParser in, String field) throws IOException {
    requireInteger(in, field, "an integer");
    if (in.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw invalid(in, field, "integer " + in.getText() + " is out of range for long ("
          + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")");
    }
    return in.getLongValue();
  }

  public static @Nullable Long nullableLong(JsonParser in, String field) throws IOException {
    return isNull(in) ? null : longValue(in, field);
  }

  /**
   * A number, or one of the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}
   * (JSON has no literal for them; this is how Jackson writes them).
   */
  public static double doubleValue(JsonParser in, String field) throws IOException {
    JsonToken token = in.currentToken();
    if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
      return in.getDoubleValue();
    }
    if (token == JsonToken.VALUE_STRING) {
      switch (in.getText()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          throw invalid(in, field, "expected a number, or \"NaN\", \"Infinity\" or \"-Infinity\","
              + " but found the string \"" + shortened(in.getText()) + "\"");
      }
    }
    throw unexpected(in, field, "a number");
  }

  public static @Nullable Double nullableDouble(JsonParser in, String field) throws IOException {
    return isNull(in) ? null : doubleValue(in, field);
  }

  /**
   * A decimal written as a string ({@code "12.50"}, exact in every client) or as a JSON
   * number, within the range of {@link ValueRanges#decimalProblem}.
   */
  public static BigDecimal decimal(JsonParser in, String field) throws IOException {
    JsonToken token = in.currentToken();
    BigDecimal value;
    if (token == JsonToken.VALUE_STRING) {
      if (in.getTextLength() > ValueRanges.MAX_DECIMAL_TEXT_LENGTH) {
        throw invalid(in, field, "a decimal is written in at most " + ValueRanges.MAX_DECIMAL_TEXT_LENGTH
            + " characters; this one has " + in.getTextLength());
      }
      try {
        value = new BigDecimal(in.getText());
      } catch (NumberFormatException e) {
        throw invalid(in, field, "\"" + shortened(in.getText()) + "\" is not a decimal number");
      }
    } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      value = in.getDecimalValue();
    } else {
      throw unexpected(in, field, "a decimal number as a string or number");
    }
    String problem = ValueRanges.decimalProblem(value);
    if (problem != null) {
      throw invalid(in, field, problem);
    }
    return value;
  }

  public static @Nullable BigDecimal nullableDecimal(JsonParser in, String field) throws IOException {
    return isNull(in) ? null : decimal(in, field);
  }

  /**
   * An ISO-8601 instant such as {@code "2026-11-22T10:15:30Z"}, from {@link
   * ValueRanges#MIN_INSTANT} to {@link ValueRanges#MAX_INSTANT}.
   */
  public static Instant instant(JsonParser in, String field) throws IOException {
    if (in.currentToken() == JsonToken.VALUE_STRING) {
      // Years 0000 to 9999, all within range.
      Instant canonical = IsoTime.parseInstant(in.getTextCharacters(), in.getTextOffset(), in.getTextLength());
      if (canonical != null) {
        return canonical;
      }
    }
    String text = string(in, field);
    Instant value;
    try {
      value = Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(in, field, "\"" + shortened(text)
          + "\" is not an ISO-8601 instant such as \"2026-11-22T10:15:30Z\"");
    }
    String problem = ValueRanges.instantProblem(value);
    if (problem != null) {
      throw invalid(in, field, problem);
    }
    return value;
  }

  public static @Nullable Instant nullableInstant(JsonParser in, String field) throws IOException {
    return isNull(in) ? null : instant(in, field);
  }

  /**
   * An ISO-8601 date such as {@code "2026-11-22"}, from {@link ValueRanges#MIN_DATE} to {@link
   * ValueRanges#MAX_DATE}.
   */
  public static LocalDate localDate(JsonParser in, String field) throws IOException {
    if (in.currentToken() == JsonToken.VALUE_STRING) {
      // Years 0000 to 9999, all within range.
      LocalDate canonical = IsoTime.parseLocalDate(in.getTextCharacters(), in.getTextOffset(), in.getTextLength());
      if (canonical != null) {
        return canonical;
      }
    }
    String text = string(in, field);
    LocalDate value;
    try {
      value = LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(in, field, "\"" + shortened(text) + "\" is not an ISO-8601 date such as \"2026-11-22\"");
    }
    String problem = ValueRanges.localDateProblem(value);
    if (problem != null) {
      throw invalid(in, field, problem);
    }
    return value;
  }

  public static @Nullable LocalDate nullableLocalDate(JsonParser in, String field) throws IOException {
    return isNull(in) ? null : localDate(in, field);
  }

  /** A UUID in its canonical 36-character form. */
  public static UUID uuid(JsonParser in, String field) throws IOException {
    String text = string(in, field);
    if (!isCanonicalUuid(text)) {
      throw invalid(in, field, "\"" + shortened(text)
          + "\" is not a UUID such as \"123e4567-e89b-12d3-a456-426614174000\"");
    }
    return UUID.fromString(text);
  }

  public static @Nullable UUID nullableUuid(JsonParser in, String field) throws IOException {
    return isNull(in) ? null : uuid(in, field);
  }

  /** A value of another codec's type, with errors reported under {@code field}. */
  public static <V> V nested(JsonParser in, String field, JsonCodec<V> codec) throws IOException {
    if (in.currentToken() == JsonToken.VALUE_NULL) {
      throw nullNotAllowed(in, field);
    }
    try {
      return codec.read(in);
    } catch (DecodeException e) {
      throw field.isEmpty() ? e : e.within(field);
    }
  }

  public static <V> @Nullable V nullableNested(JsonParser in, String field, JsonCodec<V> codec)
      throws IOException {
    return isNull(in) ? null : nested(in, field, codec);
  }

  /** Checks that the current token starts an object, as a record's codec requires. */
  public static void startObject(JsonParser in, String field) throws IOException {
    if (in.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(in, field, "an object");
    }
  }

  /** Whether the current token is JSON {@code null}. */
  public static boolean isNull(JsonParser in) {
    return in.currentToken() == JsonToken.VALUE_NULL;
  }

  /** A field the type does not declare; {@code allowed} lists the fields it does. */
  public static DecodeException unknownField(JsonParser in, String name, String allowed) {
    return at(in, ErrorCode.UNKNOWN_FIELD, shortened(name), "unknown field; expected one of: " + allowed);
  }

  public static DecodeException duplicateField(JsonParser in, String name) {
    return at(in, ErrorCode.DUPLICATE_FIELD, name, "field appears more than once");
  }

  /** Required fields absent from the object that ends at the current token. */
  public static DecodeException missingFields(JsonParser in, List<String> names) {
    String problem = names.size() == 1
        ? "missing required field: " + names.get(0)
        : "missing required fields: " + String.join(", ", names);
    return at(in, ErrorCode.MISSING_FIELD, "", problem);
  }

  public static DecodeException nullNotAllowed(JsonParser in, String field) {
    return at(in, ErrorCode.NULL_NOT_ALLOWED, field, "must not be null");
  }

  /** A value of the right JSON type that is not acceptable, with the reason. */
  public static DecodeException invalid(JsonParser in, String field, String reason) {
    return at(in, ErrorCode.INVALID_VALUE, field, reason);
  }

  /** The current token is not what {@code expected} describes ({@code null} included). */
  public static DecodeException unexpected(JsonParser in, String field, String expected) {
    if (in.currentToken() == JsonToken.VALUE_NULL) {
      return nullNotAllowed(in, field);
    }
    return at(in, ErrorCode.WRONG_TYPE, field,
        "expected " + expected + " but found " + describe(in.currentToken()));
  }

  /** An error with the given code at the parser's current token. */
  public static DecodeException at(JsonParser in, ErrorCode code, String path, String problem) {
    JsonLocation location = in.currentTokenLocation();
    return new DecodeException(code, path, problem, location.getLineNr(), location.getColumnNr());
  }

  private static void requireInteger(JsonParser in, String field, String expected) throws IOException {
    JsonToken token = in.currentToken();
    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
      throw at(in, ErrorCode.WRONG_TYPE, field,
          "expected " + expected + " but found the decimal number " + shortened(in.getText()));
    }
    if (token != JsonToken.VALUE_NUMBER_INT) {
      throw unexpected(in, field, expected);
    }
  }

  static String describe(JsonToken token) {
    if (token == null) {
      return "the end of the input";
    }
    switch (token) {
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return token.asString() == null ? token.name() : token.asString();
    }
  }

  /** Quoted input is shortened in messages: they go to logs and to other people's screens. */
  public static String shortened(String text) {
    return text.length() <= 64 ? text : text.substring(0, 61) + "...";
  }

  private static boolean isCanonicalUuid(String text) {
    if (text.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = text.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !isAsciiHex(c)) {
        return false;
      }
    }
    return true;
  }

  // Character.digit would also take non-ASCII digits, which UUID.fromString then accepts.
  private static boolean isAsciiHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}

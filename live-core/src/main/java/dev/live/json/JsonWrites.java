package dev.live.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Writes the built-in types whose JSON form is a choice, so that every codec makes the same
 * choice: decimals as strings (exact in every client, JavaScript included), instants and dates
 * in ISO-8601, UUIDs in canonical form.
 *
 * <p>A value outside {@link ValueRanges} is refused with {@code INVALID_VALUE}: decoders refuse
 * it, so written into a JSON column or sent to a client it could not be read back. Values that
 * came from storage or a decoder are always in range; only values a program built can fail.
 */
public final class JsonWrites {
  private JsonWrites() {}

  public static void decimal(JsonGenerator out, BigDecimal value) throws IOException {
    requireInRange(ValueRanges.decimalProblem(value));
    out.writeString(value.toString());
  }

  public static void instant(JsonGenerator out, Instant value) throws IOException {
    char[] text = new char[IsoTime.MAX_INSTANT_LENGTH];
    int length = IsoTime.formatInstant(value, text);
    if (length < 0) { // years 0000 to 9999 are in range; others may not be
      requireInRange(ValueRanges.instantProblem(value));
      out.writeString(value.toString());
    } else {
      out.writeString(text, 0, length);
    }
  }

  public static void localDate(JsonGenerator out, LocalDate value) throws IOException {
    char[] text = new char[IsoTime.LOCAL_DATE_LENGTH];
    if (IsoTime.formatLocalDate(value, text) < 0) {
      requireInRange(ValueRanges.localDateProblem(value));
      out.writeString(value.toString());
    } else {
      out.writeString(text, 0, IsoTime.LOCAL_DATE_LENGTH);
    }
  }

  public static void uuid(JsonGenerator out, UUID value) throws IOException {
    out.writeString(value.toString());
  }

  private static void requireInRange(String problem) {
    if (problem != null) {
      throw new LiveException(ErrorCode.INVALID_VALUE, problem);
    }
  }

  /**
   * A required component holding null cannot be written: it would be refused when read back.
   * Records do not check their components, so codecs check them when writing.
   */
  public static LiveException nullInRequiredField(String type, String field) {
    return new LiveException(ErrorCode.NULL_NOT_ALLOWED,
        type + "." + field + " is null, but it is required");
  }
}

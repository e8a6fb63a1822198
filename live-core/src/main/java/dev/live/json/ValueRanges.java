package dev.live.json;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The values Live accepts for each field type: those that every supported database stores and
 * reads back unchanged. A value either database cannot hold is refused on both, so an app
 * developed on H2 keeps its contract on PostgreSQL. Decoders ({@link JsonReads}) refuse a value
 * outside these ranges with {@code INVALID_VALUE} and its path; the JDBC parameter writer applies
 * the same checks to values a procedure builds itself.
 *
 * <p>Measured on H2 2.4.240 and PostgreSQL 15 through pgjdbc 42.7.8 (docs/protocol.md, "Value
 * ranges"):
 * <ul>
 *   <li>PostgreSQL's {@code timestamptz} ends at 294276-12-31T23:59:59.999999Z and its {@code
 *       date} at 5874897-12-31; beyond, the server refuses the value.
 *   <li>pgjdbc writes every date or timestamp before 4713 BC (ISO year -4712) as {@code
 *       -infinity}: the value would be stored wrong, silently.
 *   <li>PostgreSQL's text and {@code jsonb} cannot hold U+0000, and pgjdbc turns an unpaired
 *       surrogate into {@code ?}.
 *   <li>Decimals: H2's {@code DECFLOAT} holds at most 100,000 digits, PostgreSQL's {@code
 *       numeric} 16,383 after the point; the bound here is far inside both, and also keeps
 *       printing a decimal cheap.
 * </ul>
 */
public final class ValueRanges {
  /** The earliest instant stored: pgjdbc writes anything earlier as {@code -infinity}. */
  public static final Instant MIN_INSTANT = Instant.parse("-4712-01-01T00:00:00Z");
  /**
   * The latest instant stored. Columns keep microseconds, dropping finer digits, so the whole
   * last microsecond of PostgreSQL's range is accepted.
   */
  public static final Instant MAX_INSTANT = Instant.parse("+294276-12-31T23:59:59.999999999Z");
  /** The earliest date stored: pgjdbc writes anything earlier as {@code -infinity}. */
  public static final LocalDate MIN_DATE = LocalDate.of(-4712, 1, 1);
  /** The latest date PostgreSQL's {@code date} holds. */
  public static final LocalDate MAX_DATE = LocalDate.of(5_874_897, 12, 31);
  /** Digits after the decimal point a decimal may have, trailing zeros included. */
  public static final int MAX_DECIMAL_FRACTION_DIGITS = 1000;
  /**
   * The largest power of ten a decimal may reach: its absolute value stays below {@code
   * 1E+1001}, so written out it has at most 1,001 digits before the point.
   */
  public static final int MAX_DECIMAL_EXPONENT = 1000;
  /**
   * The longest text a decimal is parsed from. Every decimal in range fits; parsing is
   * quadratic in the digits, so longer text is refused before it is parsed.
   */
  public static final int MAX_DECIMAL_TEXT_LENGTH = 4096;

  private ValueRanges() {}

  /** What is wrong with {@code value} as a stored instant, or {@code null} if it is storable. */
  public static @Nullable String instantProblem(Instant value) {
    if (value.isBefore(MIN_INSTANT) || value.isAfter(MAX_INSTANT)) {
      return "instant " + value + " is out of range; instants from " + MIN_INSTANT + " to "
          + MAX_INSTANT + " are allowed";
    }
    return null;
  }

  /** What is wrong with {@code value} as a stored date, or {@code null} if it is storable. */
  public static @Nullable String localDateProblem(LocalDate value) {
    if (value.isBefore(MIN_DATE) || value.isAfter(MAX_DATE)) {
      return "date " + value + " is out of range; dates from " + MIN_DATE + " to " + MAX_DATE
          + " are allowed";
    }
    return null;
  }

  /** What is wrong with {@code value} as a stored decimal, or {@code null} if it is storable. */
  public static @Nullable String decimalProblem(BigDecimal value) {
    // precision - scale - 1 is the exponent of the leading digit: 2 for 123.4, -2 for 0.01.
    long exponent = (long) value.precision() - value.scale() - 1;
    if (value.scale() > MAX_DECIMAL_FRACTION_DIGITS || exponent > MAX_DECIMAL_EXPONENT) {
      return "decimal is out of range; allowed are at most " + MAX_DECIMAL_FRACTION_DIGITS
          + " digits after the point and an absolute value below 1E+" + (MAX_DECIMAL_EXPONENT + 1);
    }
    return null;
  }

  /**
   * What is wrong with {@code value} as stored text, or {@code null} if it is storable: it may
   * not contain U+0000 or an unpaired surrogate (which is not Unicode).
   */
  public static @Nullable String textProblem(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\u0000') {
        return "text may not contain the character U+0000";
      }
      if (Character.isSurrogate(c)) {
        boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
            && Character.isLowSurrogate(value.charAt(i + 1));
        if (!paired) {
          return "text may not contain an unpaired surrogate (U+"
              + Integer.toHexString(c).toUpperCase(Locale.ROOT) + "); it is not valid Unicode";
        }
        i++;
      }
    }
    return null;
  }
}

package dev.live.json;

import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the canonical ISO-8601 forms that {@link Instant#toString()} and {@link
 * LocalDate#toString()} produce, for years 0000 to 9999, without going through {@code
 * DateTimeFormatter}.
 *
 * <p>Why: on JDK 17 {@code Instant.parse} allocates a parse context, a field map and a formatter
 * builder per call, and took two thirds of a codec's decode time (docs/benchmarks.md). This
 * class handles only the exact canonical shape; for anything else its readers return {@code
 * null} and its writers return {@code -1}, and the caller hands the value to {@code java.time},
 * so what is accepted, what is produced and every error message stay exactly those of the JDK.
 */
final class IsoTime {
  /** {@code uuuu-MM-ddTHH:mm:ss.nnnnnnnnnZ}, the longest canonical instant this class writes. */
  static final int MAX_INSTANT_LENGTH = 30;
  static final int LOCAL_DATE_LENGTH = 10;

  private static final int SECONDS_PER_DAY = 86_400;
  /** Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar. */
  private static final long DAYS_0000_TO_1970 = 719_468;

  private IsoTime() {}

  /**
   * The instant in {@code text[offset, offset + length)} when it has the form {@code
   * uuuu-MM-ddTHH:mm:ss[.f{1,9}]Z} with valid field values; otherwise {@code null}.
   */
  static @Nullable Instant parseInstant(char[] text, int offset, int length) {
    if (length < 20 || length > MAX_INSTANT_LENGTH || length == 21
        || text[offset + length - 1] != 'Z' || text[offset + 10] != 'T'
        || text[offset + 13] != ':' || text[offset + 16] != ':') {
      return null;
    }
    long epochDay = parseDate(text, offset);
    int hour = twoDigits(text, offset + 11);
    int minute = twoDigits(text, offset + 14);
    int second = twoDigits(text, offset + 17);
    // Hour 24 and leap second 60 are legal ISO-8601 that the JDK resolves its own way.
    if (epochDay == Long.MIN_VALUE || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59) {
      return null;
    }
    int nanos = 0;
    if (length > 20) {
      if (text[offset + 19] != '.') {
        return null;
      }
      int digits = length - 21;
      for (int i = 0; i < 9; i++) {
        int digit = i < digits ? digit(text[offset + 20 + i]) : 0;
        if (digit < 0) {
          return null;
        }
        nanos = nanos * 10 + digit;
      }
    }
    long seconds = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** The date in {@code text[offset, offset + 10)} when it reads {@code uuuu-MM-dd}; else null. */
  static @Nullable LocalDate parseLocalDate(char[] text, int offset, int length) {
    if (length != LOCAL_DATE_LENGTH) {
      return null;
    }
    long epochDay = parseDate(text, offset);
    return epochDay == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(epochDay);
  }

  /**
   * Writes {@code value} as {@link Instant#toString()} would into {@code out} (at least {@link
   * #MAX_INSTANT_LENGTH} long) and returns the length, or {@code -1} for years outside 0000 to
   * 9999, which the caller writes through {@code toString()}.
   */
  static int formatInstant(Instant value, char[] out) {
    long epochSecond = value.getEpochSecond();
    long epochDay = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
    int at = formatDate(epochDay, out);
    if (at < 0) {
      return -1;
    }
    out[at++] = 'T';
    at = writeTwoDigits(secondOfDay / 3600, out, at);
    out[at++] = ':';
    at = writeTwoDigits(secondOfDay / 60 % 60, out, at);
    out[at++] = ':';
    at = writeTwoDigits(secondOfDay % 60, out, at);
    int nanos = value.getNano();
    if (nanos > 0) {
      // As the JDK does: the fraction in groups of three digits, as few groups as exact.
      int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
      int fraction = digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos;
      out[at++] = '.';
      for (int i = digits - 1; i >= 0; i--) {
        out[at + i] = (char) ('0' + fraction % 10);
        fraction /= 10;
      }
      at += digits;
    }
    out[at++] = 'Z';
    return at;
  }

  /** Writes {@code value} as {@link LocalDate#toString()} would; {@code -1} outside 0000-9999. */
  static int formatLocalDate(LocalDate value, char[] out) {
    return formatDate(value.toEpochDay(), out);
  }

  /** The epoch day of {@code uuuu-MM-dd} at {@code offset}, or {@link Long#MIN_VALUE} if invalid. */
  private static long parseDate(char[] text, int offset) {
    if (text[offset + 4] != '-' || text[offset + 7] != '-') {
      return Long.MIN_VALUE;
    }
    int high = twoDigits(text, offset);
    int low = twoDigits(text, offset + 2);
    int month = twoDigits(text, offset + 5);
    int day = twoDigits(text, offset + 8);
    if (high < 0 || low < 0 || month < 1 || month > 12 || day < 1) {
      return Long.MIN_VALUE;
    }
    int year = high * 100 + low;
    if (day > monthLength(year, month)) {
      return Long.MIN_VALUE;
    }
    return epochDay(year, month, day);
  }

  /** Writes the date of {@code epochDay} at the start of {@code out}; {@code -1} outside 0000-9999. */
  private static int formatDate(long epochDay, char[] out) {
    // Civil date from a day count, in eras of 400 years starting on March 1st
    // (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
    long shifted = epochDay + DAYS_0000_TO_1970;
    long era = Math.floorDiv(shifted, 146_097);
    int dayOfEra = (int) (shifted - era * 146_097);
    int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    int monthIndex = (5 * dayOfYear + 2) / 153;
    int day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    int month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      return -1;
    }
    int at = writeTwoDigits((int) year / 100, out, 0);
    at = writeTwoDigits((int) year % 100, out, at);
    out[at++] = '-';
    at = writeTwoDigits(month, out, at);
    out[at++] = '-';
    return writeTwoDigits(day, out, at);
  }

  private static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    int yearOfEra = (int) (y - era * 400);
    int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - DAYS_0000_TO_1970;
  }

  private static int monthLength(int year, int month) {
    switch (month) {
      case 2:
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Two ASCII digits at {@code at} as a number, or a negative number if either is not one. */
  private static int twoDigits(char[] text, int at) {
    int tens = digit(text[at]);
    int ones = digit(text[at + 1]);
    return tens < 0 || ones < 0 ? -1 : tens * 10 + ones;
  }

  // Character.isDigit would also take non-ASCII digits, which the JDK's parser refuses here.
  private static int digit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : -1;
  }

  private static int writeTwoDigits(int value, char[] out, int at) {
    out[at] = (char) ('0' + value / 10);
    out[at + 1] = (char) ('0' + value % 10);
    return at + 2;
  }
}

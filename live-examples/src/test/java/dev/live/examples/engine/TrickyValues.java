package dev.live.examples.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Values where databases and Java tend to disagree, drawn from small pools so that rows often
 * share a value (ties in an order, hits for {@code eq}) and conditions often hit a row's value.
 * Everything here is storable on both databases: strings are valid UTF-16 without U+0000, which
 * PostgreSQL cannot store; instants and dates lie within both databases' ranges.
 */
final class TrickyValues {
  /**
   * Pieces of strings: LIKE's wildcards and storage's escape character, case, combining marks,
   * supplementary characters (whose UTF-16 order differs from code point order against
   * U+E000–U+FFFF), the private use area, and the edges of ASCII.
   */
  static final List<String> PIECES = List.of("a", "A", "b", "z", " ", "é", "e\u0301", "ß", "😀",
      "\uD800\uDC00", "\uDBFF\uDFFF", "\uE000", "\uFB01", "\uFFFF", "%", "_", "!", "\\", "'", "\u007F", "\u0080", "0");

  /** Doubles SQL compares unlike {@code Double.compare} or {@code ==}. */
  static final List<Double> DOUBLES = List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, 1.5, -1.5, Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE);

  /** Decimals equal in value but not in scale, and very small and very large ones. */
  static final List<String> DECIMALS = List.of("0", "-0", "0.000", "1", "1.0", "1.00", "10", "1E+1", "1E+2",
      "0.1", "0.10", "-1.5", "-1.50", "1E-20", "-1E-20", "123456789012345678901234567890.123456789");

  /** Dates around the epoch, the Gregorian switch, and the ends of four-digit years. */
  static final List<String> DATES = List.of("2026-12-24", "2026-12-25", "1970-01-01", "1969-12-31", "1582-10-04",
      "1582-10-15", "0001-01-01", "9999-12-31");

  /** Instants around which rows cluster, on both sides of the epoch. */
  private static final List<Instant> BASES = List.of(Instant.parse("2026-11-22T09:00:00Z"),
      Instant.parse("1969-12-31T23:59:59Z"), Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("2100-12-31T23:59:59Z"));

  /** UUIDs with the high bit of either half set, where UUID.compareTo disagrees with SQL. */
  static final List<UUID> UUIDS = List.of(new UUID(0, 1), new UUID(0, -1), new UUID(1, 0), new UUID(-1, 0),
      new UUID(Long.MIN_VALUE, 0), new UUID(Long.MAX_VALUE, Long.MIN_VALUE), new UUID(-1, -1),
      new UUID(0x7fffffffffffffffL, 0x7fffffffffffffffL));

  private TrickyValues() {}

  /** Short strings of {@link #PIECES}, often one of a handful. */
  static Arbitrary<String> strings() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.of("", "a", "A", "ab", "😀", "\uFB01")),
        Tuple.of(2, Arbitraries.of(PIECES).list().ofMaxSize(4).map(pieces -> String.join("", pieces))));
  }

  /** Non-empty short strings, for ids and references. */
  static Arbitrary<String> ids() {
    return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(3).map(pieces -> String.join("", pieces));
  }

  /** Text to search for: mostly one or two pieces, so that it often occurs. */
  static Arbitrary<String> searches() {
    return Arbitraries.of(PIECES).list().ofMaxSize(2).map(pieces -> String.join("", pieces));
  }

  static Arbitrary<Integer> ints() {
    return Arbitraries.oneOf(Arbitraries.integers().between(-2, 2),
        Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE));
  }

  static Arbitrary<Long> longs() {
    return Arbitraries.oneOf(Arbitraries.longs().between(-2, 2), Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE));
  }

  static Arbitrary<Double> doubles() {
    return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(DOUBLES)),
        Tuple.of(1, Arbitraries.doubles().between(-2, 2).ofScale(1)));
  }

  static Arbitrary<BigDecimal> decimals() {
    return Arbitraries.of(DECIMALS).map(BigDecimal::new);
  }

  static Arbitrary<LocalDate> dates() {
    return Arbitraries.of(DATES).map(LocalDate::parse);
  }

  /**
   * Instants a few microseconds around a base, with nanoseconds that storage drops: several
   * distinct instants store as the same one.
   */
  static Arbitrary<Instant> instants() {
    return Combinators.combine(Arbitraries.of(BASES), Arbitraries.longs().between(-2, 2),
            Arbitraries.of(0, 1, 500, 999))
        .as((base, micros, nanos) -> base.plusNanos(micros * 1000 + nanos));
  }

  static Arbitrary<UUID> uuids() {
    return Arbitraries.oneOf(Arbitraries.of(UUIDS),
        Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new));
  }
}

package dev.live.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.error.ErrorCode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast ISO-8601 path must be indistinguishable from {@code java.time}: the same text out,
 * the same value back, and for anything it does not handle, the JDK's own result or error.
 */
class IsoTimeTest {
  private static final long YEAR_0000 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
  private static final long YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

  @Property(tries = 3000)
  void writesInstantsAsInstantToStringDoes(@ForAll("instants") Instant value) {
    assertThat(LiveJson.encode(Codecs.INSTANT, value)).isEqualTo("\"" + value + "\"");
  }

  @Property(tries = 3000)
  void readsInstantsAsInstantParseDoes(@ForAll("instants") Instant value,
      @ForAll @IntRange(min = 0, max = 9) int fractionDigits) {
    String text = withFraction(value, fractionDigits);
    assertThat(LiveJson.decode(Codecs.INSTANT, "\"" + text + "\"")).isEqualTo(Instant.parse(text));
  }

  @Property(tries = 3000)
  void writesAndReadsDatesAsLocalDateDoes(@ForAll("dates") LocalDate value) {
    String json = LiveJson.encode(Codecs.LOCAL_DATE, value);
    assertThat(json).isEqualTo("\"" + value + "\"");
    assertThat(LiveJson.decode(Codecs.LOCAL_DATE, json)).isEqualTo(value);
  }

  /** Valid ISO-8601 outside the canonical shape goes to the JDK and means what it means there. */
  @ParameterizedTest
  @ValueSource(strings = {
      "2026-11-22t10:15:30z", "2026-11-22T10:15:30+01:00", "+10000-01-01T00:00:00Z",
      "-0001-12-31T23:59:59Z", "2024-02-29T00:00:00Z", "0000-01-01T00:00:00.000000001Z",
      "9999-12-31T23:59:59.999999999Z", "2026-11-22T10:15:30.5Z", "1969-12-31T23:59:59.9Z",
      "2026-11-22T10:15:30.Z"})
  void readsWhatTheJdkReads(String text) {
    assertThat(LiveJson.decode(Codecs.INSTANT, "\"" + text + "\"")).isEqualTo(Instant.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "2023-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
      "2026-11-22T25:00:00Z", "2026-11-22T10:60:00Z",
      "2026-11-22T10:15:30.1234567890Z", "2026-11-22 10:15:30Z", "2026-11-22T10:15:30",
      "٢٠٢٦-11-22T10:15:30Z", "2026-1-22T10:15:30Z", "", "2026-11-22T10:15:3xZ"})
  void refusesWhatTheJdkRefusesWithTheSameError(String text) {
    assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> LiveJson.decode(Codecs.INSTANT, "\"" + text + "\""))
        .isInstanceOfSatisfying(DecodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
          assertThat(e.getMessage()).contains("is not an ISO-8601 instant");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"2023-02-29", "2026-11-31", "2026-11-2", "2026/11/22", "20261122", "2026-11-22T00"})
  void refusesDatesTheJdkRefuses(String text) {
    assertThatThrownBy(() -> LocalDate.parse(text)).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> LiveJson.decode(Codecs.LOCAL_DATE, "\"" + text + "\""))
        .isInstanceOfSatisfying(DecodeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE));
  }

  @Provide
  Arbitrary<Instant> instants() {
    // Mostly years 0000-9999 (the fast path), some outside it (the fallback) within the range
    // storage holds (ValueRanges); nanos biased to
    // whole milli- and microseconds, which change how many fraction digits are written.
    Arbitrary<Long> seconds = Arbitraries.frequencyOf(
        Tuple.of(9, Arbitraries.longs().between(YEAR_0000, YEAR_10000 - 1)),
        Tuple.of(1, Arbitraries.longs().between(ValueRanges.MIN_INSTANT.getEpochSecond(),
            ValueRanges.MAX_INSTANT.getEpochSecond())));
    Arbitrary<Integer> nanos = Arbitraries.oneOf(
        Arbitraries.just(0),
        Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
        Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000),
        Arbitraries.integers().between(0, 999_999_999));
    return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
  }

  @Provide
  Arbitrary<LocalDate> dates() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(LocalDate.of(0, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay()),
        Arbitraries.longs().between(ValueRanges.MIN_DATE.toEpochDay(), ValueRanges.MAX_DATE.toEpochDay()))
        .map(LocalDate::ofEpochDay);
  }

  /** The instant with exactly {@code digits} fraction digits, truncating or padding with zeros. */
  private static String withFraction(Instant value, int digits) {
    String text = value.toString();
    int dot = text.indexOf('.');
    String base = dot < 0 ? text.substring(0, text.length() - 1) : text.substring(0, dot);
    String fraction = String.format("%09d", value.getNano()).substring(0, digits);
    return digits == 0 ? base + "Z" : base + "." + fraction + "Z";
  }
}

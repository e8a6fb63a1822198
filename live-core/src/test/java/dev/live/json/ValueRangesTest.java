package dev.live.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoders refuse, with INVALID_VALUE and the value's path, what either database cannot store. */
class ValueRangesTest {
  @Test
  void instantsFromPostgresqlsFirstToLastStorableInstantDecode() {
    assertThat(decode(Codecs.INSTANT, "-4712-01-01T00:00:00Z")).isEqualTo(ValueRanges.MIN_INSTANT);
    assertThat(decode(Codecs.INSTANT, "+294276-12-31T23:59:59.999999999Z")).isEqualTo(ValueRanges.MAX_INSTANT);
    assertThat(decode(Codecs.INSTANT, "0000-01-01T00:00:00Z")).isEqualTo(Instant.parse("0000-01-01T00:00:00Z"));
  }

  @Test
  void instantsBeyondEitherEndAreInvalid() {
    assertInvalid(Codecs.INSTANT, "\"+294277-01-01T00:00:00Z\"", "", "instant +294277-01-01T00:00:00Z is out of range");
    assertInvalid(Codecs.INSTANT, "\"-4713-12-31T23:59:59.999999Z\"", "", "instants from -4712-01-01T00:00:00Z");
    // The finding of issue 18: Instant.MAX's year decoded, then failed in storage.
    assertInvalid(Codecs.INSTANT, "\"+1000000000-01-01T00:00:00Z\"", "", "out of range");
  }

  @Test
  void datesFromFirstToLastStorableDateDecode() {
    assertThat(decode(Codecs.LOCAL_DATE, "-4712-01-01")).isEqualTo(ValueRanges.MIN_DATE);
    assertThat(decode(Codecs.LOCAL_DATE, "+5874897-12-31")).isEqualTo(ValueRanges.MAX_DATE);
    assertThat(decode(Codecs.LOCAL_DATE, "-0001-12-31")).isEqualTo(LocalDate.of(-1, 12, 31));
  }

  @Test
  void datesPastPostgresqlsLastDateAreInvalidOnEveryDatabase() {
    assertInvalid(Codecs.LOCAL_DATE, "\"+5874898-01-01\"", "", "dates from -4712-01-01 to +5874897-12-31");
    assertInvalid(Codecs.LOCAL_DATE, "\"-4713-12-31\"", "", "out of range");
    assertInvalid(Codecs.LOCAL_DATE, "\"+999999999-12-31\"", "", "out of range");
  }

  @Test
  void decimalsUpToAThousandDigitsEachSideOfThePointDecode() {
    String widest = "9".repeat(1001) + "." + "9".repeat(1000);
    assertThat(decode(Codecs.DECIMAL, widest)).isEqualTo(new BigDecimal(widest));
    assertThat(decode(Codecs.DECIMAL, "-" + widest)).isEqualTo(new BigDecimal("-" + widest));
    assertThat(decode(Codecs.DECIMAL, "1E+1000")).isEqualTo(new BigDecimal("1E+1000"));
    assertThat(decode(Codecs.DECIMAL, "1E-1000")).isEqualTo(new BigDecimal("1E-1000"));
  }

  @Test
  void aDecimalWrittenOutIsRefusedLikeItsExponentForm() {
    assertInvalid(Codecs.DECIMAL, "\"1E+1099\"", "", "absolute value below 1E+1001");
    assertInvalid(Codecs.DECIMAL, "\"1" + "0".repeat(1099) + "\"", "", "absolute value below 1E+1001");
    assertInvalid(Codecs.DECIMAL, "\"1" + "0".repeat(1001) + "\"", "", "out of range");
    assertInvalid(Codecs.DECIMAL, "\"0." + "0".repeat(1000) + "1\"", "", "at most 1000 digits after the point");
    assertInvalid(Codecs.DECIMAL, "\"1E-1001\"", "", "out of range");
  }

  @Test
  void decimalTextTooLongToBeInRangeIsRefusedBeforeParsing() {
    assertInvalid(Codecs.DECIMAL, "\"" + "0".repeat(5000) + "1\"", "", "at most 4096 characters");
  }

  @Test
  void textWithNulOrAnUnpairedSurrogateIsInvalid() {
    assertInvalid(Codecs.STRING, "\"a\\u0000b\"", "", "U+0000");
    assertInvalid(Codecs.STRING, "\"a\\ud800b\"", "", "unpaired surrogate (U+D800)");
    assertInvalid(Codecs.STRING, "\"\\ude00\\ud83d\"", "", "unpaired surrogate (U+DE00)");
    assertInvalid(Codecs.STRING, "\"end \\ud83d\"", "", "unpaired surrogate (U+D83D)");
    assertThat(LiveJson.decode(Codecs.STRING, "\"a \\ud83d\\ude00 face\"")).isEqualTo("a \uD83D\uDE00 face");
  }

  @Test
  void valuesInsideListsAreRefusedWithTheirPath() {
    assertInvalid(Codecs.list(Codecs.INSTANT), "[\"2026-01-01T00:00:00Z\",\"+300000-01-01T00:00:00Z\"]", "[1]",
        "out of range");
    assertInvalid(Codecs.list(Codecs.STRING), "[\"ok\",\"no\\u0000\"]", "[1]", "U+0000");
  }

  @Test
  void writingAValueOutsideTheRangesIsRefusedAsItCouldNotBeReadBack() {
    assertThatThrownBy(() -> LiveJson.encode(Codecs.INSTANT, Instant.MAX))
        .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> LiveJson.encode(Codecs.LOCAL_DATE, LocalDate.MIN))
        .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE));
    assertThatThrownBy(() -> LiveJson.encode(Codecs.DECIMAL, new BigDecimal("1E+2000")))
        .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE));
    assertThat(LiveJson.encode(Codecs.list(Codecs.INSTANT), List.of(ValueRanges.MAX_INSTANT, ValueRanges.MIN_INSTANT)))
        .isEqualTo("[\"+294276-12-31T23:59:59.999999999Z\",\"-4712-01-01T00:00:00Z\"]");
  }

  private static <V> V decode(JsonCodec<V> codec, String text) {
    return LiveJson.decode(codec, "\"" + text + "\"");
  }

  private static void assertInvalid(JsonCodec<?> codec, String json, String path, String problem) {
    assertThatThrownBy(() -> LiveJson.decode(codec, json))
        .isInstanceOfSatisfying(DecodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
          assertThat(e.path()).isEqualTo(path);
          assertThat(e.problem()).contains(problem);
        });
  }
}

package dev.live.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.error.ErrorCode;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonReadsTest {
  @Test
  void uuidMustBeCanonicalAsciiHex() {
    assertThat(LiveJson.decode(Codecs.UUID, "\"123E4567-E89B-12D3-A456-426614174000\""))
        .isEqualTo(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    // UUID.fromString alone would take these.
    assertRejected(Codecs.UUID, "\"1-2-3-4-5\"", ErrorCode.INVALID_VALUE);
    assertRejected(Codecs.UUID, "\"١٢٣e4567-e89b-12d3-a456-426614174000\"", ErrorCode.INVALID_VALUE);
  }

  @Test
  void longsOutsideTheRangeAreRefusedNotWrapped() {
    assertThat(LiveJson.decode(Codecs.LONG, "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertRejected(Codecs.LONG, "9223372036854775808", ErrorCode.INVALID_VALUE);
    assertRejected(Codecs.INT, "2147483648", ErrorCode.INVALID_VALUE);
    assertThat(LiveJson.decode(Codecs.INT, "-2147483648")).isEqualTo(Integer.MIN_VALUE);
  }

  @Test
  void doublesAcceptIntegersAndTheNonFiniteStringsOnly() {
    assertThat(LiveJson.decode(Codecs.DOUBLE, "3")).isEqualTo(3.0);
    assertThat(LiveJson.decode(Codecs.DOUBLE, "\"-Infinity\"")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertRejected(Codecs.DOUBLE, "\"3.5\"", ErrorCode.INVALID_VALUE);
    assertRejected(Codecs.DOUBLE, "true", ErrorCode.WRONG_TYPE);
  }

  @Test
  void decimalsKeepTheirScaleAndRefuseHugeExponents() {
    assertThat(LiveJson.decode(Codecs.DECIMAL, "\"1.50\"")).isEqualTo(new BigDecimal("1.50"));
    assertThat(LiveJson.decode(Codecs.DECIMAL, "1E+3")).isEqualTo(new BigDecimal("1E+3"));
    assertRejected(Codecs.DECIMAL, "\"1e-1001\"", ErrorCode.INVALID_VALUE);
    assertRejected(Codecs.DECIMAL, "\"twelve\"", ErrorCode.INVALID_VALUE);
  }

  @Test
  void booleansAreNotCoerced() {
    assertRejected(Codecs.BOOLEAN, "\"true\"", ErrorCode.WRONG_TYPE);
    assertRejected(Codecs.BOOLEAN, "1", ErrorCode.WRONG_TYPE);
    assertRejected(Codecs.STRING, "null", ErrorCode.NULL_NOT_ALLOWED);
  }

  @Test
  void listElementsReportTheirIndex() {
    assertThatThrownBy(() -> LiveJson.decode(Codecs.list(Codecs.list(Codecs.INT)), "[[1],[2,\"x\"]]"))
        .isInstanceOfSatisfying(DecodeException.class, e -> {
          assertThat(e.path()).isEqualTo("[1][1]");
          assertThat(e.code()).isEqualTo(ErrorCode.WRONG_TYPE);
        });
    assertThat(LiveJson.decode(Codecs.list(Codecs.STRING), "[\"a\",\"b\"]")).isEqualTo(List.of("a", "b"));
  }

  @Test
  void quotedInputInMessagesIsShortened() {
    String huge = "x".repeat(10_000);
    assertThatThrownBy(() -> LiveJson.decode(Codecs.INSTANT, "\"" + huge + "\""))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.getMessage()).hasSizeLessThan(200));
  }

  private static void assertRejected(JsonCodec<?> codec, String json, ErrorCode code) {
    assertThatThrownBy(() -> LiveJson.decode(codec, json))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}

package dev.live.examples.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.query.ValueOrder;
import dev.live.schema.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The value rules in isolation, including those the example schema has no field to show on a
 * database (booleans) and those only reachable by values storage never returns (instants with
 * nanoseconds).
 */
class ValueOrderTest {
  @Property(tries = 500)
  void postgresOrdersStringsByCodePointAndH2ByUtf16Unit(@ForAll("strings") String a, @ForAll("strings") String b) {
    int byCodePoint = Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    assertThat(Integer.signum(ValueOrder.POSTGRESQL.compare(FieldType.STRING, a, b))).isEqualTo(Integer.signum(byCodePoint));
    assertThat(Integer.signum(ValueOrder.H2.compare(FieldType.STRING, a, b))).isEqualTo(Integer.signum(a.compareTo(b)));
  }

  @Provide
  Arbitrary<String> strings() {
    return Arbitraries.of(List.of("a", "z", "\uD7FF", "\uE000", "\uFB01", "\uFFFF", "😀", "\uD800\uDC00",
        "\uDBFF\uDFFF")).list().ofMaxSize(3).map(pieces -> String.join("", pieces));
  }

  @Example
  void supplementaryCharactersSortAfterThePrivateUseAreaOnlyOnPostgres() {
    assertThat(ValueOrder.POSTGRESQL.compare(FieldType.STRING, "\uFFFF", "😀")).isNegative();
    assertThat(ValueOrder.H2.compare(FieldType.STRING, "\uFFFF", "😀")).isPositive();
  }

  @Example
  void uuidsCompareAsUnsignedBytes() {
    UUID high = new UUID(-1, 0);
    UUID low = new UUID(1, 0);
    for (ValueOrder order : ValueOrder.values()) {
      assertThat(order.compare(FieldType.UUID, high, low)).isPositive();
      assertThat(order.compare(FieldType.UUID, new UUID(0, -1), new UUID(0, 1))).isPositive();
    }
    assertThat(high.compareTo(low)).as("UUID.compareTo").isNegative();
  }

  @Example
  void falseSortsBeforeTrue() {
    assertThat(ValueOrder.H2.compare(FieldType.BOOLEAN, false, true)).isNegative();
    assertThat(ValueOrder.POSTGRESQL.compare(FieldType.BOOLEAN, false, true)).isNegative();
  }

  @Example
  void instantsWithinOneMicrosecondAreEqualOnBothSidesOfTheEpoch() {
    Instant after = Instant.parse("2026-11-22T09:00:00.000001Z");
    Instant before = Instant.parse("1969-12-31T23:59:59.999999Z");
    assertThat(ValueOrder.H2.equal(FieldType.INSTANT, after, after.plusNanos(999))).isTrue();
    assertThat(ValueOrder.H2.equal(FieldType.INSTANT, before, before.plusNanos(999))).isTrue();
    assertThat(ValueOrder.H2.compare(FieldType.INSTANT, before.plusNanos(999), before.plusNanos(1000))).isNegative();
  }

  @Example
  void decimalsAreEqualWhateverTheScale() {
    assertThat(ValueOrder.H2.equal(FieldType.DECIMAL, new BigDecimal("1.0"), new BigDecimal("1.00"))).isTrue();
    assertThat(ValueOrder.H2.equal(FieldType.DECIMAL, new BigDecimal("1E+1"), new BigDecimal("10"))).isTrue();
  }

  @Example
  void negativeZeroIsZeroAndNanIsOneValueAboveAllOthers() {
    assertThat(ValueOrder.H2.equal(FieldType.DOUBLE, -0.0, 0.0)).isTrue();
    assertThat(ValueOrder.H2.equal(FieldType.DOUBLE, Double.NaN, Double.NaN)).isTrue();
    assertThat(ValueOrder.H2.compare(FieldType.DOUBLE, Double.NaN, Double.POSITIVE_INFINITY)).isPositive();
  }

  @Example
  void jsonValuesHaveNoOrder() {
    assertThatThrownBy(() -> ValueOrder.H2.compare(FieldType.JSON, List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON");
  }
}

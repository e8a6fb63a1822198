package dev.live.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {
  @Test
  void medianAndRange() {
    assertThat(new Spread(List.of(3.0, 1.0, 2.0)).median()).isEqualTo(2.0);
    assertThat(new Spread(List.of(4.0, 1.0)).median()).isEqualTo(2.5);
    assertThat(new Spread(List.of(1.25, 3.0, 2.0)).describe("%.1f ms")).isEqualTo("2.0 ms (1.3–3.0 ms)");
    assertThat(new Spread(List.of(1.5, 0.5)).list("%.2f")).isEqualTo("1.50, 0.50");
  }
}

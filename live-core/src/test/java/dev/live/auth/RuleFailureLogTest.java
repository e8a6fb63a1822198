package dev.live.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A failing rule is reported at once, then at most once per window with the count in between. */
class RuleFailureLogTest {
  private static final long WINDOW = RuleFailureLog.WINDOW_NANOS;

  @Test
  void theFirstFailureIsReportedAtOnce() {
    assertThat(new dev.live.error.ReportWindow(RuleFailureLog.WINDOW_NANOS).due(42)).isEqualTo(1);
  }

  @Test
  void failuresWithinTheWindowAreCountedIntoTheNextReport() {
    dev.live.error.ReportWindow window = new dev.live.error.ReportWindow(RuleFailureLog.WINDOW_NANOS);
    window.due(0);
    for (int i = 1; i <= 100; i++) {
      assertThat(window.due(i)).as("failure %d, within the window", i).isZero();
    }
    assertThat(window.due(WINDOW)).as("the first failure after the window").isEqualTo(101);
    assertThat(window.due(WINDOW + 1)).isZero();
  }
}

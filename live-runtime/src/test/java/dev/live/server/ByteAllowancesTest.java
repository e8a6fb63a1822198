package dev.live.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Per-writer byte allowances: a minute's worth at once, refilled at the rate, bounded in writers. */
class ByteAllowancesTest {
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong now = new AtomicLong(123 * SECOND);
  /** 6,000 bytes per minute: 100 bytes a second. */
  private final ByteAllowances allowances = new ByteAllowances(6_000, 3, now::get);

  @Test
  void aNewWriterMayWriteAMinutesAllowanceAtOnce() {
    assertThat(allowances.available("ann")).isEqualTo(6_000);
    allowances.charge("ann", 6_000);
    assertThat(allowances.available("ann")).isZero();
    assertThat(allowances.available("bob")).as("another writer's own allowance").isEqualTo(6_000);
  }

  @Test
  void theAllowanceRefillsAtTheRateAndNeverAboveAMinutesWorth() {
    allowances.charge("ann", 6_000);
    now.addAndGet(3 * SECOND);
    assertThat(allowances.available("ann")).isEqualTo(300);
    assertThat(allowances.secondsUntil("ann", 1_000)).isEqualTo(7);
    now.addAndGet(10 * 60 * SECOND);
    assertThat(allowances.available("ann")).isEqualTo(6_000);
    assertThat(allowances.secondsUntil("ann", 1_000)).isZero();
  }

  @Test
  void aChargeBeyondWhatIsLeftIsOwedAndRepaidByTheRefill() {
    allowances.charge("ann", 5_000);
    allowances.charge("ann", 3_000); // two writes that passed the check at the same time
    assertThat(allowances.available("ann")).isEqualTo(-2_000);
    now.addAndGet(20 * SECOND);
    assertThat(allowances.available("ann")).isZero();
  }

  @Test
  void aWriterWhoseAllowanceRefilledIsForgotten() {
    allowances.charge("ann", 100);
    assertThat(allowances.size()).isEqualTo(1);
    now.addAndGet(61 * SECOND);
    allowances.charge("bob", 100); // a charge a minute after the last sweep sweeps
    assertThat(allowances.size()).as("ann's allowance was full again: only bob's is kept").isEqualTo(1);
    assertThat(allowances.available("ann")).isEqualTo(6_000);
  }

  @Test
  void beyondMaxWritersNewWritersShareOneAllowanceSoTheStateStaysBounded() {
    for (int i = 0; i < 1_000; i++) {
      allowances.charge("writer" + i, 1);
    }
    assertThat(allowances.size()).as("writers tracked, at most maxWriters").isEqualTo(3);
    assertThat(allowances.available("writer0")).as("a tracked writer's own").isEqualTo(5_999);
    assertThat(allowances.available("writer999")).as("the shared overflow's").isEqualTo(6_000 - 997);
    allowances.charge("writer500", 5_003);
    assertThat(allowances.available("someone new")).as("an untracked writer draws on the overflow too").isZero();
    assertThat(allowances.available("writer1")).isEqualTo(5_999);

    now.addAndGet(61 * SECOND);
    allowances.charge("late", 100);
    assertThat(allowances.size()).as("the refilled ones were dropped to make room").isEqualTo(1);
    assertThat(allowances.available("late")).isEqualTo(5_900);
  }
}

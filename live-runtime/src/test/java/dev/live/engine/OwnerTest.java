package dev.live.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** An owner's engine time: used, owed, earned back with time, never owed beyond one second's worth. */
class OwnerTest {
  private static final long MILLI = 1_000_000L;
  private final AtomicLong now = new AtomicLong(5_000 * MILLI);
  private final Owner owner = new Owner("ann", 100 * MILLI, now::get);

  @Test
  void anOwnerWithinItsTimeIsNotInDebt() {
    owner.charge(99 * MILLI);
    assertThat(owner.inDebt()).isFalse();
    owner.charge(2 * MILLI);
    assertThat(owner.inDebt()).isTrue();
  }

  @Test
  void timeEarnsTheBudgetBackAtTheRate() {
    owner.charge(150 * MILLI); // 50 ms in debt
    now.addAndGet(400 * MILLI); // earns 40 ms
    assertThat(owner.inDebt()).isTrue();
    now.addAndGet(100 * MILLI); // earns 10 more
    assertThat(owner.inDebt()).isFalse();
  }

  @Test
  void aDebtIsCappedAtOneSecondsWorth() {
    owner.charge(10_000 * MILLI);
    now.addAndGet(1_999 * MILLI);
    assertThat(owner.inDebt()).isFalse();
  }

  @Test
  void theBudgetNeverExceedsOneSecondsWorth() {
    now.addAndGet(60_000 * MILLI);
    owner.charge(101 * MILLI);
    assertThat(owner.inDebt()).isTrue();
  }

  @Test
  void anOwnerIsLightWhileItHasHalfItsBudgetLeft() {
    owner.charge(50 * MILLI);
    assertThat(owner.light()).isTrue();
    owner.charge(1);
    assertThat(owner.light()).isFalse();
    assertThat(owner.inDebt()).isFalse();
    now.addAndGet(MILLI);
    assertThat(owner.light()).isTrue();
  }

  @Test
  void anOwnerIsIdleWhenItHoldsAndOwesNothing() {
    assertThat(owner.idle()).isTrue();
    owner.subscriptions = 1;
    assertThat(owner.idle()).isFalse();
    owner.subscriptions = 0;
    owner.charge(MILLI);
    assertThat(owner.idle()).isFalse();
    now.addAndGet(10 * MILLI);
    assertThat(owner.idle()).isTrue();
  }
}

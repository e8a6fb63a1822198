package dev.live.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watermark of an embedded database's versions: readers see the log only below the oldest
 * transaction still committing, so one that commits late is never passed over.
 */
class VersionClockTest {
  private final VersionClock clock = VersionClock.acquire("test:" + System.nanoTime());

  @AfterEach
  void release() {
    clock.release();
  }

  @Test
  void versionsContinueFromTheDatabasesLast() {
    clock.startAt(41);
    assertThat(clock.visible()).isEqualTo(41);
    assertThat(clock.take(3)).isEqualTo(44);
    assertThat(clock.take(1)).isEqualTo(45);
  }

  @Test
  void aLaterCommitIsNotVisibleWhileAnEarlierOneIsStillCommitting() {
    clock.startAt(0);
    assertThat(clock.take(2)).isEqualTo(2);   // versions 1-2, committing
    assertThat(clock.take(1)).isEqualTo(3);   // version 3, committing
    assertThat(clock.visible()).isZero();
    clock.finished(3, 3, true);               // 3 commits first
    assertThat(clock.visible()).as("1-2 may still commit: 3 must wait").isZero();
    clock.finished(1, 2, true);               // then 1-2
    assertThat(clock.visible()).isEqualTo(3);
  }

  @Test
  void anAbandonedCommitLeavesAGapAndHoldsNothingBack() {
    clock.startAt(10);
    assertThat(clock.take(2)).isEqualTo(12);  // 11-12: this commit fails
    assertThat(clock.take(1)).isEqualTo(13);  // 13
    clock.finished(11, 12, false);
    assertThat(clock.visible()).as("13 is still committing").isEqualTo(10);
    clock.finished(13, 13, true);
    assertThat(clock.visible()).isEqualTo(13);
  }

  @Test
  void versionsAFailedCommitAbandonedAreNeverReported() {
    clock.startAt(10);
    assertThat(clock.take(1)).isEqualTo(11);
    clock.finished(11, 11, true);
    assertThat(clock.take(2)).isEqualTo(13);
    clock.finished(12, 13, false);
    // After a restart the database says 11, and 12-13 are handed out again: nobody may have seen them.
    assertThat(clock.visible()).isEqualTo(11);
    assertThat(clock.take(1)).as("no reuse while running").isEqualTo(14);
  }

  @Test
  void anEmbeddedDatabaseSharesOneClockUntilItsLastUserLetsGo() {
    String key = "shared:" + System.nanoTime();
    VersionClock one = VersionClock.acquire(key);
    VersionClock two = VersionClock.acquire(key);
    assertThat(two).isSameAs(one);
    one.release();
    VersionClock three = VersionClock.acquire(key);
    assertThat(three).isSameAs(one);
    two.release();
    three.release();
    VersionClock fresh = VersionClock.acquire(key);
    assertThat(fresh).as("a fresh clock once all let go").isNotSameAs(one);
    fresh.release();
  }

  @Test
  void anUnstartedClockRefusesToGuess() {
    assertThatThrownBy(() -> clock.take(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
  }
}

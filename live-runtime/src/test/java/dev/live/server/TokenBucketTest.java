package dev.live.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The token bucket, driven by a fake nanosecond clock: nothing here sleeps. */
class TokenBucketTest {
  private static final long MS = 1_000_000L;

  private final AtomicLong now = new AtomicLong(42);

  @Test
  void startsFullAndGivesItsBurstAtOnceThenRefuses() {
    TokenBucket bucket = new TokenBucket(10, 5, now::get);
    assertThat(bucket.available()).isEqualTo(5);
    for (int i = 0; i < 5; i++) {
      assertThat(bucket.tryTake()).as("take %d", i).isTrue();
    }
    assertThat(bucket.tryTake()).isFalse();
    assertThat(bucket.available()).isZero();
  }

  @Test
  void refillsOneTokenPerIntervalOfTheRate() {
    TokenBucket bucket = new TokenBucket(10, 1, now::get); // a token each 100 ms
    assertThat(bucket.tryTake()).isTrue();
    now.addAndGet(99 * MS);
    assertThat(bucket.tryTake()).as("99 ms after: not yet").isFalse();
    now.addAndGet(MS);
    assertThat(bucket.tryTake()).as("100 ms after").isTrue();
    assertThat(bucket.tryTake()).isFalse();
    now.addAndGet(1000 * MS);
    assertThat(bucket.available()).as("a second gives 10 tokens, capped at the burst of 1").isEqualTo(1);
  }

  @Test
  void takesOverASecondMatchTheRatePlusTheBurst() {
    TokenBucket bucket = new TokenBucket(100, 20, now::get);
    int taken = 0;
    for (int ms = 0; ms < 1000; ms++) { // 10 attempts every millisecond for a second
      for (int i = 0; i < 10; i++) {
        if (bucket.tryTake()) {
          taken++;
        }
      }
      now.addAndGet(MS);
    }
    // 20 at once, then one every 10 ms during the 999 ms that passed between the first and last attempt.
    assertThat(taken).isEqualTo(20 + 99);
  }

  @Test
  void neverHoldsMoreThanTheBurstAfterALongQuietSpell() {
    TokenBucket bucket = new TokenBucket(1000, 3, now::get);
    now.addAndGet(TimeUnit.HOURS.toNanos(1));
    assertThat(bucket.available()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(bucket.tryTake()).isTrue();
    }
    assertThat(bucket.tryTake()).isFalse();
  }

  @Test
  void refusedTakesDoNotBorrowFromTheFuture() {
    TokenBucket bucket = new TokenBucket(10, 1, now::get);
    assertThat(bucket.tryTake()).isTrue();
    for (int i = 0; i < 1000; i++) {
      assertThat(bucket.tryTake()).isFalse();
      assertThat(bucket.available()).isZero();
    }
    now.addAndGet(100 * MS);
    assertThat(bucket.tryTake()).as("one interval later, the refusals cost nothing").isTrue();
  }

  @Test
  void worksAcrossTheWrapOfTheNanosecondClock() {
    now.set(Long.MAX_VALUE - 50 * MS);
    TokenBucket bucket = new TokenBucket(10, 2, now::get);
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isFalse();
    now.addAndGet(100 * MS); // wraps to a negative reading
    assertThat(now.get()).isNegative();
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isFalse();
    now.addAndGet(1000 * MS);
    assertThat(bucket.available()).isEqualTo(2);
  }

  @Test
  void refusesARateOrBurstBelowOne() {
    assertThatThrownBy(() -> new TokenBucket(0, 1, now::get)).hasMessageContaining("at least 1 token per second");
    assertThatThrownBy(() -> new TokenBucket(1, 0, now::get)).hasMessageContaining("holds at least 1 token");
  }

  @Test
  void threadsTakingAtOnceGetExactlyTheTokensThereAre() throws Exception {
    TokenBucket bucket = new TokenBucket(1, 1000, now::get); // the clock stands still: no refill
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> counts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        counts.add(pool.submit(() -> {
          start.await();
          int taken = 0;
          for (int i = 0; i < 10_000; i++) {
            if (bucket.tryTake()) {
              taken++;
            }
          }
          return taken;
        }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> count : counts) {
        total += count.get(30, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(1000);
      assertThat(bucket.available()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Against the textbook bucket: credit in nanoseconds, capped at burst × interval, grows with
   * time, and a take costs one interval. The bucket answers every take as the model does, and
   * never holds fewer than 0 or more than burst tokens.
   */
  @Property(tries = 300)
  void answersEveryTakeAsTheTextbookBucketDoes(@ForAll @IntRange(min = 1, max = 2000) int perSecond,
      @ForAll @IntRange(min = 1, max = 50) int burst, @ForAll("steps") List<Long> steps) {
    TokenBucket bucket = new TokenBucket(perSecond, burst, now::get);
    long interval = 1_000_000_000L / perSecond;
    long capacity = interval * burst;
    long credit = capacity;
    for (long step : steps) {
      if (step < 0) { // a take
        boolean expected = credit >= interval;
        if (expected) {
          credit -= interval;
        }
        assertThat(bucket.tryTake()).as("take with %d ns of credit", credit).isEqualTo(expected);
      } else { // time passes
        now.addAndGet(step);
        credit = Math.min(capacity, credit + step);
      }
      assertThat(bucket.available()).isBetween(0L, (long) burst).isEqualTo(credit / interval);
    }
  }

  /** Takes (-1) and pauses of up to 50 ms, mixed. */
  @Provide
  Arbitrary<List<Long>> steps() {
    return Arbitraries.oneOf(Arbitraries.just(-1L), Arbitraries.longs().between(0, 50 * MS))
        .list().ofMaxSize(300);
  }
}

package dev.live.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Per-user buckets: shared by a user's connections, gone with the last of them. */
class UserBucketsTest {
  private final AtomicLong now = new AtomicLong();
  private final UserBuckets buckets = new UserBuckets(10, 5, now::get);

  @Test
  void connectionsOfOneUserGetTheSameBucketAndOtherUsersTheirOwn() {
    TokenBucket first = buckets.acquire("ann");
    assertThat(buckets.acquire("ann")).isSameAs(first);
    assertThat(buckets.acquire("bob")).isNotSameAs(first);
    assertThat(buckets.size()).isEqualTo(2);
  }

  @Test
  void theBucketGoesWithTheUsersLastConnection() {
    TokenBucket first = buckets.acquire("ann");
    buckets.acquire("ann");
    first.tryTake();
    buckets.release("ann");
    assertThat(buckets.size()).as("one connection left").isEqualTo(1);
    buckets.release("ann");
    assertThat(buckets.size()).isZero();
    TokenBucket next = buckets.acquire("ann");
    assertThat(next).isNotSameAs(first);
    assertThat(next.available()).isEqualTo(5);
  }

  @Test
  void releasingAUserWithoutABucketChangesNothing() {
    buckets.release("nobody");
    buckets.acquire("ann");
    buckets.release("bob");
    assertThat(buckets.size()).isEqualTo(1);
  }

  @Test
  void concurrentOpensAndClosesLeaveNoBucketBehind() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 5_000; i++) {
            String user = "user" + (i % 3); // the threads share three users
            buckets.acquire(user);
            buckets.release(user);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }
      assertThat(buckets.size()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }
}

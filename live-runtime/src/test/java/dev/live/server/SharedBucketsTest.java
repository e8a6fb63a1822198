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

/** Shared buckets: one per user or address, kept while held and until full again. */
class SharedBucketsTest {
  private final AtomicLong now = new AtomicLong();
  private final SharedBuckets buckets = new SharedBuckets(10, 5, 3, now::get);

  @Test
  void connectionsOfOneUserGetTheSameBucketAndOtherUsersTheirOwn() {
    TokenBucket first = buckets.acquire("ann");
    assertThat(buckets.acquire("ann")).isSameAs(first);
    assertThat(buckets.acquire("bob")).isNotSameAs(first);
    assertThat(buckets.size()).isEqualTo(2);
  }

  @Test
  void aFullBucketGoesWithItsLastHolder() {
    TokenBucket first = buckets.acquire("ann");
    buckets.acquire("ann");
    buckets.release("ann");
    assertThat(buckets.size()).as("one connection left").isEqualTo(1);
    buckets.release("ann");
    assertThat(buckets.size()).isZero();
    assertThat(buckets.acquire("ann")).isNotSameAs(first);
  }

  @Test
  void aUsedBucketOutlivesItsLastHolderUntilItIsFullAgain() {
    TokenBucket first = buckets.acquire("ann");
    first.tryTake();
    buckets.release("ann");
    assertThat(buckets.acquire("ann")).as("reconnecting gives no fresh burst").isSameAs(first);
    buckets.release("ann");
    buckets.sweep();
    assertThat(buckets.size()).as("one token short").isEqualTo(1);
    now.addAndGet(100_000_000); // a token comes back every 100 ms
    buckets.sweep();
    assertThat(buckets.size()).isZero();
  }

  @Test
  void requestsWithoutAConnectionShareTheKeysBucketUntilItRefills() {
    TokenBucket bucket = buckets.bucket("10.0.0.1");
    for (int i = 0; i < 5; i++) {
      assertThat(buckets.bucket("10.0.0.1").tryTake()).isTrue();
    }
    assertThat(buckets.bucket("10.0.0.1")).isSameAs(bucket);
    assertThat(buckets.bucket("10.0.0.1").tryTake()).as("the burst is spent across requests").isFalse();
  }

  @Test
  void keysBeyondTheBoundShareOneOverflowBucket() {
    buckets.bucket("a");
    buckets.bucket("b");
    buckets.bucket("c");
    TokenBucket fourth = buckets.bucket("d");
    assertThat(buckets.bucket("e")).isSameAs(fourth);
    assertThat(buckets.size()).isEqualTo(3);
    buckets.release("e"); // never held: changes nothing
    assertThat(buckets.size()).isEqualTo(3);
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
            buckets.acquire(user); // nothing taken: every bucket stays full
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

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
    buckets.release("ann", first);
    assertThat(buckets.size()).as("one connection left").isEqualTo(1);
    buckets.release("ann", first);
    assertThat(buckets.size()).isZero();
    assertThat(buckets.acquire("ann")).isNotSameAs(first);
  }

  @Test
  void aUsedBucketOutlivesItsLastHolderUntilItIsFullAgain() {
    TokenBucket first = buckets.acquire("ann");
    first.tryTake();
    buckets.release("ann", first);
    assertThat(buckets.acquire("ann")).as("reconnecting gives no fresh burst").isSameAs(first);
    buckets.release("ann", first);
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
    buckets.release("e", fourth); // never held: changes nothing
    assertThat(buckets.size()).isEqualTo(3);
  }

  @Test
  void releasingTheOverflowBucketLeavesTheKeysLaterEntryAlone() {
    buckets.acquire("a");
    buckets.acquire("b");
    TokenBucket c = buckets.acquire("c");
    TokenBucket overflow = buckets.acquire("ann"); // the map is full: ann shares the overflow
    c.tryTake();
    buckets.release("c", c); // c's bucket stays until full: the map stays full
    buckets.sweep();
    assertThat(buckets.size()).isEqualTo(3);
    buckets.release("a", buckets.acquire("a")); // a's second holder goes; a is still held once
    assertThat(buckets.size()).isEqualTo(3);
    buckets.release("ann", overflow);
    assertThat(buckets.size()).as("ann held no entry: nothing to release").isEqualTo(3);
  }

  @Test
  void releasingAUserWithoutABucketChangesNothing() {
    buckets.release("nobody", new TokenBucket(10, 5, now::get));
    TokenBucket ann = buckets.acquire("ann");
    buckets.release("bob", ann);
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
            TokenBucket held = buckets.acquire(user); // nothing taken: every bucket stays full
            buckets.release(user, held);
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

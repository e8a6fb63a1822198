package dev.live.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.server.MessageRateLimit.Verdict;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One connection's admission of messages: its own bucket, its user's, and the strikes that close it. */
class MessageRateLimitTest {
  private static final long MS = 1_000_000L;

  private final AtomicLong now = new AtomicLong();

  private TokenBucket bucket(int perSecond, int burst) {
    return new TokenBucket(perSecond, burst, now::get);
  }

  @Test
  void admitsTheConnectionsBurstThenRefusesAsConnectionLimited() {
    MessageRateLimit limit = new MessageRateLimit(bucket(10, 3), Optional.empty(), 50, now::get);
    for (int i = 0; i < 3; i++) {
      assertThat(limit.admit()).isEqualTo(Verdict.ADMITTED);
    }
    assertThat(limit.admit()).isEqualTo(Verdict.CONNECTION_LIMITED);
    now.addAndGet(100 * MS);
    assertThat(limit.admit()).isEqualTo(Verdict.ADMITTED);
  }

  @Test
  void connectionsOfOneUserShareTheUserBucket() {
    TokenBucket user = bucket(10, 5);
    MessageRateLimit first = new MessageRateLimit(bucket(100, 100), Optional.of(user), 50, now::get);
    MessageRateLimit second = new MessageRateLimit(bucket(100, 100), Optional.of(user), 50, now::get);
    for (int i = 0; i < 3; i++) {
      assertThat(first.admit()).isEqualTo(Verdict.ADMITTED);
    }
    assertThat(second.admit()).isEqualTo(Verdict.ADMITTED);
    assertThat(second.admit()).isEqualTo(Verdict.ADMITTED);
    assertThat(second.admit()).as("5 of the user's 5 are used").isEqualTo(Verdict.SHARED_LIMITED);
    assertThat(first.admit()).isEqualTo(Verdict.SHARED_LIMITED);
  }

  @Test
  void aConnectionOverItsOwnRateDoesNotDrainItsUsersBucket() {
    TokenBucket user = bucket(10, 5);
    MessageRateLimit flooding = new MessageRateLimit(bucket(10, 2), Optional.of(user), 50, now::get);
    MessageRateLimit other = new MessageRateLimit(bucket(100, 100), Optional.of(user), 50, now::get);
    for (int i = 0; i < 20; i++) {
      flooding.admit();
    }
    assertThat(user.available()).as("only the flooding connection's 2 admitted messages").isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(other.admit()).isEqualTo(Verdict.ADMITTED);
    }
  }

  @Test
  void moreThanTheStrikesWithinTenSecondsClose() {
    MessageRateLimit limit = new MessageRateLimit(bucket(1, 1), Optional.empty(), 3, now::get);
    assertThat(limit.admit()).isEqualTo(Verdict.ADMITTED);
    for (int i = 0; i < 3; i++) {
      assertThat(limit.admit()).as("refusal %d of the 3 tolerated", i + 1).isEqualTo(Verdict.CONNECTION_LIMITED);
      now.addAndGet(100 * MS);
    }
    assertThat(limit.admit()).as("the fourth refusal within 10 s").isEqualTo(Verdict.CLOSE);
  }

  @Test
  void refusalsSpreadOverMoreThanTenSecondsDoNotClose() {
    MessageRateLimit limit = new MessageRateLimit(bucket(1, 1), Optional.empty(), 3, now::get);
    for (int i = 0; i < 10; i++) { // each 4 s: one admitted (the bucket refilled), one refused
      assertThat(limit.admit()).isEqualTo(Verdict.ADMITTED);
      assertThat(limit.admit()).as("refusal at %d s", 4 * i).isEqualTo(Verdict.CONNECTION_LIMITED);
      now.addAndGet(TimeUnit.SECONDS.toNanos(4));
    }
    // The last refusals were at 28, 32 and 36 s: one at 40 s makes 4 within 12 s, one at 40.5 s
    // 4 within 8.5 s (32, 36, 40, 40.5).
    assertThat(limit.admit()).isEqualTo(Verdict.ADMITTED);
    assertThat(limit.admit()).as("refusal at 40 s").isEqualTo(Verdict.CONNECTION_LIMITED);
    now.addAndGet(500 * MS);
    assertThat(limit.admit()).as("refusal at 40.5 s").isEqualTo(Verdict.CLOSE);
  }

  @Test
  void failedRequestsCountAsStrikesWithRefusals() {
    MessageRateLimit limit = new MessageRateLimit(bucket(1, 1), Optional.empty(), 3, now::get);
    assertThat(limit.strike()).as("failure 1 of the 3 tolerated").isFalse();
    assertThat(limit.strike()).isFalse();
    assertThat(limit.admit()).isEqualTo(Verdict.ADMITTED);
    assertThat(limit.admit()).as("a refusal is the third strike").isEqualTo(Verdict.CONNECTION_LIMITED);
    assertThat(limit.strike()).as("the fourth within 10 s").isTrue();
  }
}

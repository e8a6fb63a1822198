package dev.live.server;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Decides, for one connection, whether its next message may run: it takes a token from the
 * connection's bucket, then from the shared one (its user's, or for an anonymous client its
 * address's; see {@link SharedBuckets}). A message that finds no token is refused; a connection
 * with more than {@code strikes} strikes within {@link #STRIKE_WINDOW} is to be closed. A refused
 * message is a strike, and so is a request that failed by the client's doing ({@link #strike()}).
 *
 * <p>The connection's bucket goes first: a connection over its own rate is stopped there without
 * draining the bucket the user's other connections share. A message the shared bucket refuses
 * has still used a token of its connection's.
 */
final class MessageRateLimit {
  /** The span within which more than {@code strikes} refusals close a connection. */
  static final Duration STRIKE_WINDOW = Duration.ofSeconds(10);

  /** What to do with a message. */
  enum Verdict {
    /** Run it. */
    ADMITTED,
    /** Refuse it: the connection is over its rate. */
    CONNECTION_LIMITED,
    /** Refuse it: the user's connections (or the address's anonymous clients) together are over their rate. */
    SHARED_LIMITED,
    /** Refuse it and close the connection: it keeps sending over its rate. */
    CLOSE
  }

  private final TokenBucket connection;
  private final Optional<TokenBucket> shared;
  private final int strikes;
  private final LongSupplier clock;
  /**
   * The times of the last {@code strikes + 1} refusals, oldest at {@code next} once full; made at
   * the first refusal, since most connections never get one.
   */
  private long[] refusedAt;
  private int next;
  private int refusals;

  MessageRateLimit(TokenBucket connection, Optional<TokenBucket> shared, int strikes, LongSupplier clock) {
    this.connection = connection;
    this.shared = shared;
    this.strikes = strikes;
    this.clock = clock;
  }

  /**
   * Takes the tokens of one message. Synchronized for visibility only: a connection's messages
   * come one at a time, so nothing waits here.
   */
  synchronized Verdict admit() {
    if (!connection.tryTake()) {
      return refused(Verdict.CONNECTION_LIMITED);
    }
    if (shared.isPresent() && !shared.get().tryTake()) {
      return refused(Verdict.SHARED_LIMITED);
    }
    return Verdict.ADMITTED;
  }

  /** The bucket shared with the connection's kin (its user's, or its address's), if any. */
  Optional<TokenBucket> shared() {
    return shared;
  }

  /**
   * Counts a request that failed by the client's doing (a bad message, a refused request) as a
   * strike; true when the connection is to be closed.
   */
  synchronized boolean strike() {
    return refused(Verdict.CONNECTION_LIMITED) == Verdict.CLOSE;
  }

  private Verdict refused(Verdict verdict) {
    long now = clock.getAsLong();
    if (refusedAt == null) {
      refusedAt = new long[strikes + 1];
    }
    refusedAt[next] = now;
    next = (next + 1) % refusedAt.length;
    if (refusals <= strikes) {
      refusals++;
    }
    // Once strikes + 1 refusals are recorded, refusedAt[next] is the oldest of the last strikes + 1.
    if (refusals > strikes && now - refusedAt[next] < STRIKE_WINDOW.toNanos()) {
      return Verdict.CLOSE;
    }
    return verdict;
  }
}

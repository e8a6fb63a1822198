package dev.live.test;

import dev.live.error.LiveException;
import dev.live.subscription.QueryResult;
import dev.live.subscription.Subscribable;
import dev.live.subscription.Subscription;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** Waits, within a bound, for a live result that satisfies a condition. */
final class LiveResults {
  private LiveResults() {}

  static <R> QueryResult<R> await(Subscribable<R> live, Predicate<? super QueryResult<R>> until, Duration timeout) {
    CompletableFuture<QueryResult<R>> matched = new CompletableFuture<>();
    AtomicReference<QueryResult<R>> last = new AtomicReference<>();
    Subscription subscription = live.subscribe(result -> {
      last.set(result);
      try {
        if (until.test(result)) {
          matched.complete(result);
        }
      } catch (RuntimeException | AssertionError e) {
        matched.completeExceptionally(e);
      }
    }, matched::completeExceptionally);
    try {
      return matched.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      QueryResult<R> seen = last.get();
      throw new AssertionError("no live result matched within " + timeout.toMillis() + " ms; "
          + (seen == null ? "none came (is the server reachable, and may this user read the query?)"
              : "the last was " + seen));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof LiveException refused) {
        throw new AssertionError("the server ended the subscription: " + refused, refused);
      }
      if (cause instanceof AssertionError failed) {
        throw failed;
      }
      throw new AssertionError("the condition failed on a live result", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a live result", e);
    } finally {
      subscription.close();
    }
  }
}

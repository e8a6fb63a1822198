package dev.live.examples.client;


import dev.live.subscription.QueryResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** What a subscription's listener received, in order, for tests to wait on and look at. */
final class Results<R> implements Consumer<QueryResult<R>> {
  private final List<QueryResult<R>> received = new ArrayList<>();

  @Override
  public synchronized void accept(QueryResult<R> result) {
    received.add(result);
  }

  synchronized List<QueryResult<R>> all() {
    return List.copyOf(received);
  }

  synchronized QueryResult<R> latest() {
    return received.isEmpty() ? null : received.get(received.size() - 1);
  }

  /** Waits until some result received so far matches, and returns the first that does. */
  QueryResult<R> await(String what, Predicate<QueryResult<R>> match) {
    return await(what, match, ClientTestBase.WAIT);
  }

  QueryResult<R> await(String what, Predicate<QueryResult<R>> match, Duration wait) {
    org.awaitility.Awaitility.await().alias(what).atMost(wait).until(() -> all().stream().anyMatch(match));
    return all().stream().filter(match).findFirst().orElseThrow();
  }

  /** Waits until the latest result matches. */
  QueryResult<R> awaitLatest(String what, Predicate<QueryResult<R>> match) {
    org.awaitility.Awaitility.await().alias(what).atMost(ClientTestBase.WAIT).until(() -> latest() != null && match.test(latest()));
    return latest();
  }
}

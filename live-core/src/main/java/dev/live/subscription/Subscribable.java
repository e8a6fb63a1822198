package dev.live.subscription;

import dev.live.error.LiveException;
import java.util.function.Consumer;

/** Something a listener can follow live: a query, or a live query procedure with its input. */
public interface Subscribable<R> {
  /**
   * Follows the results: {@code listener} gets the first result once the server's snapshot came,
   * then a new one whenever the result changes (the server's changes and this client's own
   * mutations), one at a time, on the client's listener executor. Errors of the subscription
   * (the server refused the query) are logged; use {@link #subscribe(Consumer, Consumer)} to
   * handle them.
   */
  default Subscription subscribe(Consumer<QueryResult<R>> listener) {
    return subscribe(listener, error -> org.slf4j.LoggerFactory.getLogger(Subscribable.class)
        .warn("a subscription ended: {} {}", error.code(), error.getMessage()));
  }

  /** As {@link #subscribe(Consumer)}; {@code onError} hears why the server ended the subscription. */
  Subscription subscribe(Consumer<QueryResult<R>> listener, Consumer<LiveException> onError);
}

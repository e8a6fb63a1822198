package dev.live.client;

import dev.live.error.LiveException;
import dev.live.query.QuerySpec;
import dev.live.query.RowShape;
import dev.live.subscription.QueryResult;
import dev.live.subscription.Subscribable;
import dev.live.subscription.Subscription;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A query for at most one row ({@code first()}, {@code one(id)}) on a {@link LiveClient}: its
 * results hold zero or one row ({@link QueryResult#first()}).
 */
public final class LiveSingleQuery<T, R> implements Subscribable<R> {
  private final ClientCore core;
  private final QuerySpec<T> spec;
  private final RowShape<T, R> shape;

  LiveSingleQuery(ClientCore core, QuerySpec<T> spec, RowShape<T, R> shape) {
    this.core = core;
    this.spec = spec;
    this.shape = shape;
  }

  @Override
  public Subscription subscribe(Consumer<QueryResult<R>> listener, Consumer<LiveException> onError) {
    return core.subscribe(spec, shape, listener, onError);
  }

  /** The row now, if there is one, read once by the server; waits for a connection if there is none. */
  public CompletableFuture<Optional<R>> get() {
    return core.read(spec, shape).thenApply(rows -> rows.stream().findFirst());
  }
}

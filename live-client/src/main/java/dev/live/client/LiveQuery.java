package dev.live.client;

import dev.live.error.LiveException;
import dev.live.query.QuerySpec;
import dev.live.query.RowShape;
import dev.live.subscription.QueryResult;
import dev.live.subscription.Subscribable;
import dev.live.subscription.Subscription;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A list query on a {@link LiveClient}: {@link #subscribe} to follow it, {@link #get} to read it
 * once.
 *
 * <pre>{@code
 * Subscription open = client.query(TaskQuery.where(Task_.done.isFalse()).orderBy(Task_.due.asc()))
 *     .subscribe(result -> render(result.rows()));
 * List<Task> now = client.query(TaskQuery.all()).get().join();
 * }</pre>
 */
public final class LiveQuery<T, R> implements Subscribable<R> {
  private final ClientCore core;
  private final QuerySpec<T> spec;
  private final RowShape<T, R> shape;

  LiveQuery(ClientCore core, QuerySpec<T> spec, RowShape<T, R> shape) {
    this.core = core;
    this.spec = spec;
    this.shape = shape;
  }

  @Override
  public Subscription subscribe(Consumer<QueryResult<R>> listener, Consumer<LiveException> onError) {
    return core.subscribe(spec, shape, listener, onError);
  }

  /** The rows now, read once by the server; waits for a connection if there is none. */
  public CompletableFuture<List<R>> get() {
    return core.read(spec, shape);
  }
}

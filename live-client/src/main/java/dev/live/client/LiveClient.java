package dev.live.client;

import dev.live.annotations.Procedure;
import dev.live.dto.InsertDto;
import dev.live.dto.UpdateDto;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.json.JsonCodec;
import dev.live.json.LiveJson;
import dev.live.procedure.ProcedureCaller;
import dev.live.procedure.ProcedureDescriptor;
import dev.live.query.Field;
import dev.live.query.ListQuery;
import dev.live.query.RowShape;
import dev.live.query.SingleQuery;
import dev.live.query.TypedQuery;
import dev.live.schema.CollectionSchema;
import dev.live.schema.LiveSchema;
import dev.live.subscription.ProcedureSubscriber;
import dev.live.subscription.Subscribable;
import dev.live.subscription.Subscription;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The Java client of a Live server ({@code docs/client.md}): typed live queries kept current
 * over one WebSocket, optimistic mutations applied exactly once, procedure calls, and a
 * connection that comes back by itself and resumes where it was.
 *
 * <pre>{@code
 * LiveClient client = LiveClient.connect(URI.create("ws://localhost:8080/live"), AppSchema.INSTANCE);
 * Subscription open = client.query(TaskQuery.where(Task_.done.isFalse()).include(Task_.assignee))
 *     .subscribe(result -> render(result.rows()));           // List<TaskRow>, no casts
 * client.insert(TaskInsert.builder().id("t9").title("Ship it").done(false).build());
 * client.update(Task_.COLLECTION, "t9", TaskUpdate.of().done(true));
 * TaskProceduresClient tasks = TaskProceduresClient.of(client);   // generated stub
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from any thread; the client's state changes on a
 * thread of its own, and listeners run on {@link ClientOptions#listenerExecutor()}.
 */
public final class LiveClient implements ProcedureCaller, ProcedureSubscriber, AutoCloseable {
  private final ClientCore core;

  private LiveClient(ClientCore core) {
    this.core = core;
  }

  /** Connects with the default options; see {@link #connect(URI, LiveSchema, ClientOptions)}. */
  public static LiveClient connect(URI uri, LiveSchema schema) {
    return connect(uri, schema, ClientOptions.defaults());
  }

  /**
   * Connects to the server at {@code uri} ({@code ws://host:port/live}, or one URL in front of
   * several nodes) and returns once it said welcome.
   *
   * @throws LiveException {@code UNAUTHENTICATED} when the server refuses the credentials, {@code
   *     DISCONNECTED} when no connection opened within the connect timeout (the client is closed)
   */
  public static LiveClient connect(URI uri, LiveSchema schema, ClientOptions options) {
    return connect(List.of(Objects.requireNonNull(uri, "uri")), schema, options);
  }

  /**
   * Connects to one of several nodes of one application ({@code docs/client.md}, "Several nodes")
   * and returns once one said welcome. The client starts on a node drawn at random (see {@link
   * ClientOptions#shuffleNodes()}), and when an attempt fails or its connection ends, tries the next
   * one; its subscriptions and unacknowledged mutations follow it there.
   *
   * <pre>{@code
   * LiveClient client = LiveClient.connect(List.of(URI.create("ws://10.0.0.1:8080/live"),
   *     URI.create("ws://10.0.0.2:8080/live")), AppSchema.INSTANCE, ClientOptions.defaults());
   * }</pre>
   *
   * <p>It waits for one round over the list: up to the connect timeout on each node, with the first
   * backoff delay between them.
   *
   * @throws IllegalArgumentException when the list is empty, names a node twice, or holds a URL
   *     that is not {@code ws:} or {@code wss:}
   * @throws LiveException {@code UNAUTHENTICATED} when a node refuses the credentials, {@code
   *     DISCONNECTED} when no node said welcome within that round (the client is closed)
   */
  public static LiveClient connect(List<URI> nodes, LiveSchema schema, ClientOptions options) {
    LiveClient client = create(nodes, schema, options);
    int count = client.core.nodeCount();
    long waitMillis = options.connectTimeout().toMillis() * count + options.initialBackoff().toMillis() * (count - 1);
    String where = count == 1 ? String.valueOf(client.core.node()) : "any of " + nodes;
    try {
      // Started once, here: starting again would open a second connection that takes over the
      // first, and a write sent on the first would be sent again on it (a call then fails ALREADY_APPLIED).
      client.core.start().get(waitMillis, TimeUnit.MILLISECONDS);
      return client;
    } catch (ExecutionException e) {
      client.close();
      throw e.getCause() instanceof LiveException live ? live
          : new LiveException(ErrorCode.DISCONNECTED, "could not connect to " + where + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      client.close();
      throw new LiveException(ErrorCode.DISCONNECTED, "could not connect to " + where + " within " + waitMillis + " ms");
    } catch (InterruptedException e) {
      client.close();
      Thread.currentThread().interrupt();
      throw new LiveException(ErrorCode.DISCONNECTED, "interrupted while connecting to " + where);
    }
  }

  /**
   * A client that connects in the background and returns at once, for apps that work offline:
   * queries wait and mutations queue until the server is reachable.
   */
  public static LiveClient start(URI uri, LiveSchema schema, ClientOptions options) {
    return start(List.of(Objects.requireNonNull(uri, "uri")), schema, options);
  }

  /** {@link #start(URI, LiveSchema, ClientOptions)} over several nodes, as {@link #connect(List, LiveSchema, ClientOptions)} uses them. */
  public static LiveClient start(List<URI> nodes, LiveSchema schema, ClientOptions options) {
    LiveClient client = create(nodes, schema, options);
    client.core.start();
    return client;
  }

  private static LiveClient create(List<URI> nodes, LiveSchema schema, ClientOptions options) {
    Objects.requireNonNull(nodes, "nodes");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(options, "options");
    // Checked before the client's HTTP client and threads exist, so that a bad list leaves none behind.
    return new LiveClient(new ClientCore(NodeList.checked(nodes), schema, options));
  }

  /** Where the connection is now. */
  public ConnectionState state() {
    return core.state();
  }

  /** Calls {@code listener} on every change of {@link #state()}. */
  public void onStateChange(Consumer<ConnectionState> listener) {
    core.onStateChange(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * The node the client is connected to, or while it is not, the one it tries next: with several
   * nodes, where it went after a failure (for monitoring and tests).
   */
  public URI node() {
    return core.node();
  }

  /** This client's identity on the server: the key of its mutation sequence numbers. */
  public String clientId() {
    return core.clientId();
  }

  /** A list query to follow or read once. */
  public <T, R> LiveQuery<T, R> query(ListQuery<T, R> query) {
    return new LiveQuery<>(core, query.spec(), query.shape());
  }

  /** A query for at most one row to follow or read once. */
  public <T, R> LiveSingleQuery<T, R> query(SingleQuery<T, R> query) {
    return new LiveSingleQuery<>(core, query.spec(), query.shape());
  }

  /**
   * A live query procedure with its input, to follow: the server runs it once and keeps the query
   * it returned current. {@code shape} types the rows: {@code RowShape.plain()} for the records,
   * or the collection's row type ({@code Task_.COLLECTION.rows()}) when the query includes
   * related rows.
   */
  @Override
  public <I, T, R> Subscribable<R> procedure(ProcedureDescriptor<I, TypedQuery<T, ?>> procedure, @Nullable I input,
      RowShape<T, R> shape) {
    if (!procedure.isLiveQuery()) {
      throw new IllegalArgumentException("procedure " + procedure.name() + " does not return a query; call it with call(...)");
    }
    String source = "\"procedure\":" + LiveJson.encode(dev.live.json.Codecs.STRING, procedure.name()) + input(procedure, input);
    return (listener, onError) -> core.subscribe(source, null, shape, listener, onError);
  }

  /**
   * Room {@code key} of {@code type} ({@code board:b1}): join it, follow its state, members and
   * events ({@code docs/rooms.md}). The same room object for the same name.
   */
  public <S, P> LiveRoom<S, P> room(dev.live.room.RoomType<S, P> type, String key) {
    return core.rooms().room(type, key);
  }

  /**
   * Inserts a row: it shows in the subscriptions it matches at once (pending), and the future
   * completes with the row as the server stored it (or null when the read rules hide it), or
   * with the server's rejection, in which case the row is rolled back.
   */
  public <T> CompletableFuture<T> insert(InsertDto<T> row) {
    CollectionSchema<T> collection = row.collection();
    T record = row.toRecord();
    String body = "\"op\":\"insert\",\"collection\":" + name(collection) + ",\"value\":" + encode(collection.insertCodec(), row);
    return typed(core.mutate(new PendingMutation(PendingMutation.Kind.INSERT, collection, collection.id().get(record),
        record, null, null, body, new CompletableFuture<>())));
  }

  /** Updates the row {@code id} with {@code changes}; completes with the row as stored. See {@link #insert}. */
  public <T> CompletableFuture<T> update(CollectionSchema<T> collection, Object id, UpdateDto<T> changes) {
    requireId(collection, id);
    if (changes.collection() != collection) {
      throw new IllegalArgumentException("an update of " + changes.collection().name() + " cannot change a row of "
          + collection.name());
    }
    String body = "\"op\":\"update\",\"collection\":" + name(collection) + ",\"key\":" + idJson(collection, id)
        + ",\"value\":" + encode(collection.updateCodec(), changes);
    return typed(core.mutate(new PendingMutation(PendingMutation.Kind.UPDATE, collection, id, null, changes, null, body,
        new CompletableFuture<>())));
  }

  /** Deletes the row {@code id}. See {@link #insert}. */
  public <T> CompletableFuture<Void> delete(CollectionSchema<T> collection, Object id) {
    requireId(collection, id);
    String body = "\"op\":\"delete\",\"collection\":" + name(collection) + ",\"key\":" + idJson(collection, id);
    return core.mutate(new PendingMutation(PendingMutation.Kind.DELETE, collection, id, null, null, null, body,
        new CompletableFuture<>())).thenApply(ignored -> null);
  }

  /**
   * Calls a procedure. A {@code MUTATION} procedure is sent with a sequence number, queued while
   * offline and applied at most once like a mutation; if its answer was lost with a connection,
   * the future fails with {@code ALREADY_APPLIED} (it ran; its result is gone). A {@code QUERY}
   * procedure is sent again after a reconnect until answered.
   */
  @Override
  public <I, O> CompletableFuture<O> call(ProcedureDescriptor<I, O> procedure, @Nullable I input) {
    if (procedure.isLiveQuery()) {
      throw new IllegalArgumentException("procedure " + procedure.name()
          + " returns a live query; follow it with procedure(descriptor, input, shape)");
    }
    String members = "\"procedure\":" + LiveJson.encode(dev.live.json.Codecs.STRING, procedure.name())
        + input(procedure, input);
    if (procedure.kind() == Procedure.Kind.QUERY) {
      return core.request("call", members, reply -> typedOutput(procedure, reply.value));
    }
    return typed(core.mutate(new PendingMutation(PendingMutation.Kind.CALL, null, null, null, null, procedure, members,
        new CompletableFuture<>())));
  }

  @SuppressWarnings("unchecked") // the descriptor's output codec decodes an O
  private <O> O typedOutput(ProcedureDescriptor<?, O> procedure, @Nullable String value) {
    return (O) core.decodeOutput(procedure, value);
  }

  /** Closes the connection normally; waiting requests and mutations fail with {@code DISCONNECTED}. */
  @Override
  public void close() {
    core.close();
  }

  /** Mutations and mutation calls not yet acknowledged by the server (for tests and monitoring). */
  public int pendingMutations() {
    return core.pendingCount().join();
  }

  /** Counters since the client started. */
  public ClientStats stats() {
    return core.stats().join();
  }

  @SuppressWarnings("unchecked")
  private static <T> CompletableFuture<T> typed(CompletableFuture<Object> future) {
    return future.thenApply(value -> (T) value);
  }

  private static String name(CollectionSchema<?> collection) {
    return LiveJson.encode(dev.live.json.Codecs.STRING, collection.name());
  }

  @SuppressWarnings("unchecked") // the DTO is of the codec's own type: both come from the same collection
  private static <D> String encode(JsonCodec<? extends D> codec, D value) {
    return LiveJson.encode((JsonCodec<D>) codec, value);
  }

  private static <I> String input(ProcedureDescriptor<I, ?> procedure, @Nullable I input) {
    if (input == null) {
      return "";
    }
    JsonCodec<I> codec = procedure.input().orElseThrow(() -> new IllegalArgumentException("procedure "
        + procedure.name() + " takes no input")).codec();
    return ",\"input\":" + LiveJson.encode(codec, input);
  }

  private static void requireId(CollectionSchema<?> collection, Object id) {
    if (id == null || !collection.isIdValue(id)) {
      throw new IllegalArgumentException("the id of " + collection.name() + " is a " + collection.id().type() + ", not "
          + (id == null ? "null" : id.getClass().getSimpleName()));
    }
  }

  @SuppressWarnings("unchecked")
  private static <T, V> String idJson(CollectionSchema<T> collection, Object id) {
    Field<T, V> field = (Field<T, V>) collection.id();
    return LiveJson.encode(field.codec(), (V) id);
  }
}

package dev.live.client;

import com.fasterxml.jackson.core.JsonFactory;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.json.Codecs;
import dev.live.json.JsonCodec;
import dev.live.json.LiveJson;
import dev.live.query.Include;
import dev.live.query.LiveRow;
import dev.live.query.QuerySpec;
import dev.live.query.RowShape;
import dev.live.schema.CollectionSchema;
import dev.live.schema.LiveSchema;
import dev.live.subscription.QueryResult;
import dev.live.subscription.Subscription;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's state and its protocol, run on one thread of its own (the loop): everything that
 * changes state (a message from the server, a call from the application, a timer) is a task on
 * the loop, so nothing here needs a lock. Listeners run elsewhere ({@link
 * ClientOptions#listenerExecutor()}).
 *
 * <p>The connection: open, {@code hello} with the client id, then on {@code welcome} every open
 * subscription is subscribed again (resuming from its version), waiting queries are sent, and
 * the mutations not yet acknowledged are sent again in order under their sequence numbers, then
 * the ones made while offline. A drop, or a heartbeat without an answer, leads to a new attempt
 * after a backoff, on the next node when there are several ({@link NodeList}): another node has
 * none of this client's subscriptions to resume, and answers each with a reset snapshot, while the
 * mutations stay exactly once, as their claims are in the database all nodes share.
 */
final class ClientCore implements ClientSocket.Events {
  private static final Logger log = LoggerFactory.getLogger(ClientCore.class);
  /** How long an acknowledged mutation stays in the view while a subscription has not caught up to it. */
  private static final long ACKED_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** A request waiting for its answer; sent again after a reconnect (it only reads). */
  private record Request(String message, Consumer<ServerMessage> onReply, Consumer<LiveException> onError) {}

  private final NodeList nodes;
  private final LiveSchema schema;
  private final ClientOptions options;
  private final ClientSocket.Opener opener;
  private final JsonFactory json = LiveJson.factory();
  private final ClientRooms rooms;
  private final SendPacer pacer;
  private final ResultRows resultRows = new ResultRows(json);
  private final ScheduledExecutorService loop;
  private final Executor listeners;
  private final List<Consumer<ConnectionState>> stateListeners = new CopyOnWriteArrayList<>();
  private final RowCache cache = new RowCache();
  private final Map<String, ClientSubscription> subscriptions = new LinkedHashMap<>();
  private final Map<String, Request> requests = new LinkedHashMap<>();
  private final List<PendingMutation> outbox = new ArrayList<>();
  private final Optional<OutboxFile> outboxFile;
  private final CompletableFuture<Void> firstWelcome = new CompletableFuture<>();
  private volatile ConnectionState state = ConnectionState.CONNECTING;
  /** The node of the current attempt or connection, for {@link #node()} on any thread. */
  private volatile URI node;
  private @Nullable ClientSocket socket;
  private boolean welcomed;
  private String clientId;
  private long nextSeq = 1;
  private long nextRequest = 1;
  /** Subscription ids: the server resumes a subscription by its client's id and this one. */
  private final java.util.concurrent.atomic.AtomicLong nextSubscription = new java.util.concurrent.atomic.AtomicLong();
  private long connections;
  private long snapshots;
  private long resumes;
  private long deltas;
  private long lastHeardNanos;
  private long pingSentNanos;

  ClientCore(List<URI> nodes, LiveSchema schema, ClientOptions options) {
    this(nodes, schema, options, opener(HttpClient.newHttpClient(), options), java.util.concurrent.ThreadLocalRandom.current());
  }

  /**
   * A client whose connections {@code opener} opens (the JDK's WebSocket, or a test's stand-in),
   * shuffling {@code nodes} with {@code random} (unless the options say not to).
   */
  ClientCore(List<URI> nodes, LiveSchema schema, ClientOptions options, ClientSocket.Opener opener,
      java.util.Random random) {
    this.opener = opener;
    this.nodes = new NodeList(NodeList.checked(nodes), options.shuffleNodes(),
        new Backoff(options.initialBackoff(), options.maxBackoff()), random);
    this.node = this.nodes.current();
    this.schema = schema;
    this.options = options;
    this.loop = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "live-client-loop");
      thread.setDaemon(true);
      return thread;
    });
    this.listeners = options.listenerExecutor().orElseGet(() -> Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "live-client-listeners");
      thread.setDaemon(true);
      return thread;
    }));
    this.pacer = new SendPacer(text -> {
      if (socket != null) {
        socket.send(text);
      }
    }, (task, nanos) -> loop.schedule(() -> guarded(task), nanos, TimeUnit.NANOSECONDS));
    this.rooms = new ClientRooms(this::run, task -> loop.schedule(() -> guarded(task), 1, TimeUnit.SECONDS),
        this::sendIfWelcomed, listeners, json);
    this.outboxFile = options.outboxFile().map(file -> new OutboxFile(file, schema, json));
    OutboxFile.Saved saved = outboxFile.map(OutboxFile::load).orElse(OutboxFile.Saved.EMPTY);
    this.clientId = options.clientId().or(() -> saved.clientId()).orElseGet(() -> UUID.randomUUID().toString());
    this.outbox.addAll(saved.mutations());
    for (PendingMutation mutation : outbox) {
      nextSeq = Math.max(nextSeq, mutation.seq + 1);
    }
  }

  private static ClientSocket.Opener opener(HttpClient http, ClientOptions options) {
    return (node, events) -> ClientSocket.open(http, node, options.headers(), options.connectTimeout(), events);
  }

  // ---- lifecycle ----

  /** Starts connecting; the future completes at the first welcome. */
  CompletableFuture<Void> start() {
    run(this::connect);
    long period = Math.max(50, Math.min(1000, options.heartbeatInterval().toMillis() / 2));
    loop.scheduleWithFixedDelay(() -> guarded(this::tick), period, period, TimeUnit.MILLISECONDS);
    return firstWelcome;
  }

  ConnectionState state() {
    return state;
  }

  String clientId() {
    return clientId;
  }

  /** The node the client is connected to, or the one it tries next. */
  URI node() {
    return node;
  }

  /** How many nodes the client may connect to. */
  int nodeCount() {
    return nodes.size();
  }

  void onStateChange(Consumer<ConnectionState> listener) {
    stateListeners.add(listener);
  }

  void close() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      loop.execute(() -> {
        try {
          closeNow();
        } finally {
          done.complete(null);
        }
      });
      done.get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return; // closed before
    } catch (Exception e) {
      log.warn("closing the client did not finish in time", e);
    }
    loop.shutdownNow();
  }

  private void closeNow() {
    if (state == ConnectionState.CLOSED) {
      return;
    }
    setState(ConnectionState.CLOSED);
    if (socket != null) {
      socket.close();
      socket = null;
    }
    LiveException closed = new LiveException(ErrorCode.DISCONNECTED, "the client was closed before the answer came");
    requests.values().forEach(request -> request.onError().accept(closed));
    requests.clear();
    rooms.closed(closed);
    for (PendingMutation mutation : outbox) {
      if (mutation.future != null) {
        mutation.future.completeExceptionally(new LiveException(ErrorCode.DISCONNECTED, "the client was closed before"
            + " the server confirmed this mutation" + (outboxFile.isPresent() ? "; it stays in the outbox file and"
            + " is sent when a client with this outbox connects" : "; it may or may not have been applied")));
      }
    }
    subscriptions.values().forEach(subscription -> subscription.closed = true);
    firstWelcome.completeExceptionally(closed);
  }

  private void setState(ConnectionState next) {
    if (state == next) {
      return;
    }
    state = next;
    for (Consumer<ConnectionState> listener : stateListeners) {
      listeners.execute(() -> listener.accept(next));
    }
  }

  private void connect() {
    if (state == ConnectionState.CLOSED) {
      return;
    }
    URI uri = nodes.current();
    node = uri;
    opener.open(uri, this).whenComplete((opened, error) ->
        run(() -> {
          if (error != null) {
            log.debug("connecting to {} failed: {}", uri, error.toString());
            int refused = refusedStatus(error);
            if (!firstWelcome.isDone() && refused != 0) {
              firstWelcome.completeExceptionally(refused == 403
                  ? new LiveException(ErrorCode.ORIGIN_NOT_ALLOWED, "the server refused the connection (403): it lists"
                      + " the origins it accepts; send one with ClientOptions.header(\"Origin\", ...)")
                  : new LiveException(ErrorCode.UNAUTHENTICATED, "the server refused the connection: " + error.getMessage()));
            }
            retryLater();
          } else if (state == ConnectionState.CLOSED) {
            opened.close();
          } else if (opened.endReported) {
            // It ended between the upgrade and now, and dropped() passed the report over, as this
            // was not the connection yet: taken now, it would wait forever for a welcome.
            log.debug("the connection to {} ended as it opened", uri);
            opened.abort();
            retryLater();
          } else {
            socket = opened;
            welcomed = false;
            pacer.unlimited();
            lastHeardNanos = System.nanoTime();
            pingSentNanos = 0;
            opened.send("{\"type\":\"hello\",\"id\":\"hello\",\"protocol\":1,\"clientId\":"
                + LiveJson.encode(Codecs.STRING, clientId) + "}");
          }
        }));
  }

  /** 401 or 403 when the server refused the upgrade (credentials, origin), else 0. */
  private static int refusedStatus(Throwable error) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    if (cause instanceof java.net.http.WebSocketHandshakeException handshake) {
      int status = handshake.getResponse().statusCode();
      return status == 401 || status == 403 ? status : 0;
    }
    return 0;
  }

  private void retryLater() {
    if (state == ConnectionState.CLOSED) {
      return;
    }
    if (state == ConnectionState.OPEN) {
      setState(ConnectionState.RECONNECTING);
    }
    // The attempt on this node failed, or its connection ended: the next goes to the next node.
    long delay = nodes.failed();
    node = nodes.current();
    loop.schedule(() -> guarded(this::connect), delay, TimeUnit.MILLISECONDS);
  }

  @Override
  public void text(ClientSocket from, String text) {
    run(() -> {
      if (from != socket) {
        return; // an old connection's last words
      }
      lastHeardNanos = System.nanoTime();
      pingSentNanos = 0;
      handle(ServerMessage.parse(json, text));
    });
  }

  @Override
  public void closed(ClientSocket from, int code, String reason) {
    run(() -> {
      from.endReported = true;
      dropped(from, code, reason);
    });
  }

  private void dropped(ClientSocket from, int code, String reason) {
    if (from != socket) {
      return;
    }
    socket = null;
    welcomed = false;
    rooms.dropped();
    if (state == ConnectionState.CLOSED) {
      return;
    }
    log.debug("connection to {} ended: {} {}", node, code, reason);
    if (code == 1002) { // the server does not speak this protocol: trying again cannot help
      log.error("the server at {} refused this client's protocol: {}", node, reason);
      closeNow();
      return;
    }
    if (state == ConnectionState.OPEN) {
      setState(ConnectionState.RECONNECTING);
    }
    retryLater();
  }

  /**
   * Heartbeat: a silent connection gets a ping; one silent past the timeout is dropped. A
   * connection still without its welcome after {@code connectTimeout + heartbeatTimeout} is
   * dropped too: a network that swallows traffic would otherwise leave the client waiting for good
   * (the server may hold a welcome back a while, up to 10 s, for the client's previous connection
   * to finish; the defaults allow 20 s).
   */
  private void tick() {
    long now = System.nanoTime();
    if (socket != null && !welcomed
        && now - lastHeardNanos > options.connectTimeout().plus(options.heartbeatTimeout()).toNanos()) {
      log.info("no welcome from {} within {} ms: reconnecting", node,
          options.connectTimeout().plus(options.heartbeatTimeout()).toMillis());
      ClientSocket silent = socket;
      silent.abort();
      dropped(silent, 1006, "no welcome");
    }
    if (socket != null && welcomed) {
      if (pingSentNanos != 0 && now - pingSentNanos > options.heartbeatTimeout().toNanos()) {
        log.info("no answer from {} within {} ms of a ping: reconnecting", node, options.heartbeatTimeout().toMillis());
        ClientSocket dead = socket;
        dead.abort();
        dropped(dead, 1006, "heartbeat timeout");
      } else if (pingSentNanos == 0 && now - lastHeardNanos > options.heartbeatInterval().toNanos()) {
        pingSentNanos = now;
        pacer.send("{\"type\":\"ping\",\"id\":\"ping\"}");
      }
    }
    if (pruneAcked(now)) {
      refreshAll();
    }
  }

  // ---- messages from the server ----

  private void handle(ServerMessage message) {
    String type = message.type;
    switch (type) {
      case "welcome" -> welcome(message);
      case "snapshot" -> snapshot(message);
      case "delta" -> delta(message);
      case "resumed" -> resumes++;
      case "unsubscribed", "pong" -> { }
      case "ack" -> ack(message);
      case "rows", "result" -> reply(message);
      case "error" -> error(message);
      default -> {
        if (!rooms.handle(message)) {
          log.debug("ignoring a server message of type {}", type);
        }
      }
    }
  }

  private void welcome(ServerMessage message) {
    welcomed = true;
    if (message.ratePerSecond > 0) {
      pacer.limit(message.ratePerSecond, message.rateBurst);
    }
    connections++;
    if (message.clientId != null) {
      clientId = message.clientId;
    }
    nextSeq = Math.max(nextSeq, message.lastMutation + 1);
    dropExpired(message.clientRetentionMillis);
    nodes.connected();
    setState(ConnectionState.OPEN);
    for (ClientSubscription subscription : subscriptions.values()) {
      pacer.send(subscription.subscribeMessage());
    }
    for (Request request : requests.values()) {
      pacer.send(request.message());
    }
    for (PendingMutation mutation : outbox) {
      if (!mutation.acked()) {
        send(mutation);
      }
    }
    saveOutbox();
    rooms.welcomed();
    firstWelcome.complete(null);
  }

  private void snapshot(ServerMessage message) {
    ClientSubscription subscription = subscriptions.get(message.id);
    if (subscription == null) {
      return;
    }
    snapshots++;
    subscription.snapshot(message, resultRows, cache, schema);
    refresh(subscription);
    sweep();
  }

  private void delta(ServerMessage message) {
    ClientSubscription subscription = subscriptions.get(message.id);
    if (subscription == null) {
      return;
    }
    deltas++;
    if (!subscription.delta(message, resultRows, cache, json)) {
      // Not a continuation of what the client holds: start the subscription over.
      log.warn("subscription {} missed a delta (at {}, delta from {}): subscribing again", message.id,
          subscription.version, message.from);
      subscription.version = -1;
      pacer.send("{\"type\":\"unsubscribe\",\"id\":" + LiveJson.encode(Codecs.STRING, subscription.id) + "}");
      pacer.send(subscription.subscribeMessage());
      return;
    }
    if (pruneAcked(System.nanoTime())) {
      refreshAll();
    } else {
      refresh(subscription);
    }
  }

  private void reply(ServerMessage message) {
    Request request = requests.remove(message.id);
    if (request != null) {
      request.onReply().accept(message);
    } else {
      PendingMutation call = byRequestId(message.id);
      if (call != null) {
        callResult(call, message);
      }
    }
  }

  private void error(ServerMessage message) {
    LiveException error = message.error != null ? message.error
        : new LiveException(ErrorCode.UNKNOWN_ERROR, "the server sent an error without a code");
    if (message.id == null) {
      log.warn("the server reported an error: {} {}", error.code(), error.getMessage());
      return;
    }
    if (rooms.error(message.id, error)) {
      return;
    }
    if (error.code() == ErrorCode.RATE_LIMITED && retryLaterIfWaiting(message.id)) {
      return;
    }
    Request request = requests.remove(message.id);
    if (request != null) {
      request.onError().accept(error);
      return;
    }
    PendingMutation call = byRequestId(message.id);
    if (call != null) {
      outbox.remove(call);
      saveOutbox();
      if (call.future != null) {
        call.future.completeExceptionally(error);
      }
      return;
    }
    ClientSubscription subscription = subscriptions.remove(message.id);
    if (subscription != null) {
      subscription.closed = true;
      subscription.failed(error);
      sweep();
    }
  }

  // ---- subscriptions and queries ----

  /** Follows {@code spec}: see {@link #subscribe(String, QuerySpec, RowShape, Consumer, Consumer)}. */
  <T, R> Subscription subscribe(QuerySpec<T> spec, RowShape<T, R> shape, Consumer<QueryResult<R>> listener,
      Consumer<LiveException> onError) {
    return subscribe("\"query\":" + dev.live.query.QueryJson.encode(spec), spec, shape, listener, onError);
  }

  /** Reads {@code spec}'s rows once, on the server; see {@link #request}. */
  <T, R> CompletableFuture<List<R>> read(QuerySpec<T> spec, RowShape<T, R> shape) {
    return request("query", "\"query\":" + dev.live.query.QueryJson.encode(spec),
        reply -> decodeRows(spec, shape, reply.rows));
  }

  /** Opens a subscription: its listener gets a result once the server's snapshot came, then on every change. */
  Subscription subscribe(String source, @Nullable QuerySpec<?> spec, @Nullable RowShape<?, ?> shape,
      Consumer<? extends QueryResult<?>> listener, Consumer<LiveException> onError) {
    ClientSubscription.Delivery delivery = new ClientSubscription.Delivery(listeners, listener, onError);
    String id = "s" + nextSubscription.incrementAndGet();
    ClientSubscription subscription = new ClientSubscription(id, source, spec, shape, delivery);
    run(() -> {
      if (state == ConnectionState.CLOSED) {
        delivery.failed(new LiveException(ErrorCode.DISCONNECTED, "the client is closed"));
        return;
      }
      subscriptions.put(id, subscription);
      if (welcomed) {
        pacer.send(subscription.subscribeMessage());
      }
    });
    return () -> run(() -> unsubscribe(subscription));
  }

  private void unsubscribe(ClientSubscription subscription) {
    subscription.stopDelivery();
    if (subscriptions.remove(subscription.id) == null) {
      return;
    }
    if (welcomed) {
      pacer.send("{\"type\":\"unsubscribe\",\"id\":" + LiveJson.encode(Codecs.STRING, subscription.id) + "}");
    }
    sweep();
  }

  /** Sends a request that only reads, and sends it again after a reconnect until it is answered. */
  <V> CompletableFuture<V> request(String type, String members, java.util.function.Function<ServerMessage, V> decode) {
    CompletableFuture<V> future = new CompletableFuture<>();
    run(() -> {
      if (state == ConnectionState.CLOSED) {
        future.completeExceptionally(new LiveException(ErrorCode.DISCONNECTED, "the client is closed"));
        return;
      }
      String id = "r" + nextRequest++;
      String message = "{\"type\":\"" + type + "\",\"id\":\"" + id + "\"," + members + "}";
      requests.put(id, new Request(message, reply -> {
        try {
          future.complete(decode.apply(reply));
        } catch (RuntimeException e) {
          future.completeExceptionally(e);
        }
      }, future::completeExceptionally));
      if (welcomed) {
        pacer.send(message);
      }
    });
    return future;
  }

  /** Decodes result rows of {@code spec} into typed rows, outside the shared cache. */
  <T, R> List<R> decodeRows(QuerySpec<T> spec, RowShape<T, R> shape, @Nullable String rowsJson) {
    RowCache scratch = new RowCache();
    List<ResultNode> nodes = resultRows.readList(rowsJson == null ? "[]" : rowsJson, spec.collection(), spec.includes(),
        scratch, 0);
    List<R> rows = new ArrayList<>(nodes.size());
    for (ResultNode node : nodes) {
      rows.add(ResultRows.build(node, spec.collection(), spec.includes(), shape, scratch::get));
    }
    return rows;
  }

  JsonFactory json() {
    return json;
  }

  LiveSchema schema() {
    return schema;
  }

  private void refreshAll() {
    subscriptions.values().forEach(this::refresh);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void refresh(ClientSubscription subscription) {
    if (!subscription.started() || subscription.closed) {
      return;
    }
    QuerySpec spec = subscription.spec;
    ResultRows.Records records = OptimisticView.overlay(cache, outbox);
    OptimisticView.View view = OptimisticView.apply(spec, subscription.confirmed, subscription.version, outbox, records);
    List<Object> rows = new ArrayList<>(view.nodes().size());
    for (ResultNode node : view.nodes()) {
      Object row = ResultRows.build(node, spec.collection(), spec.includes(), (RowShape) subscription.shape, records);
      if (row != null) {
        rows.add(row);
      }
    }
    CollectionSchema collection = spec.collection();
    subscription.deliver(QueryResult.of(rows, subscription.version, view.pendingIds(),
        row -> collection.id().get(row instanceof LiveRow<?> live ? live.value() : row)));
  }

  /** Forgets cached rows that no subscription and no pending mutation holds. */
  private void sweep() {
    Map<CollectionSchema<?>, Set<Object>> held = new HashMap<>();
    for (ClientSubscription subscription : subscriptions.values()) {
      if (subscription.spec != null) {
        holdAll(held, subscription.spec, subscription.confirmed);
      }
    }
    cache.retainOnly(held);
  }

  private static <T> void holdAll(Map<CollectionSchema<?>, Set<Object>> held, QuerySpec<T> spec,
      List<ResultNode> nodes) {
    hold(held, spec.collection(), spec.includes(), nodes);
  }

  private static <T> void hold(Map<CollectionSchema<?>, Set<Object>> held, CollectionSchema<T> collection,
      List<Include<T, ?>> includes, List<ResultNode> nodes) {
    for (ResultNode node : nodes) {
      held.computeIfAbsent(collection, c -> new HashSet<>()).add(node.id());
      for (Include<T, ?> include : includes) {
        holdIncluded(held, include, node);
      }
    }
  }

  private static <T, U> void holdIncluded(Map<CollectionSchema<?>, Set<Object>> held, Include<T, U> include,
      ResultNode node) {
    ResultNode one = node.toOne(include);
    List<ResultNode> children = one != null ? List.of(one) : node.toMany(include);
    hold(held, include.relation().target(), include.includes(), children);
  }

  // ---- mutations ----

  /** Queues a write, shows it in the subscriptions at once, and sends it when connected. */
  CompletableFuture<Object> mutate(PendingMutation mutation) {
    run(() -> {
      if (state == ConnectionState.CLOSED) {
        mutation.future.completeExceptionally(new LiveException(ErrorCode.DISCONNECTED, "the client is closed"));
        return;
      }
      if (outbox.size() >= options.maxOfflineMutations()) {
        mutation.future.completeExceptionally(new LiveException(ErrorCode.OFFLINE_QUEUE_FULL, outbox.size()
            + " mutations already wait for the server (maxOfflineMutations); wait for some to complete"));
        return;
      }
      outbox.add(mutation);
      if (welcomed) {
        send(mutation);
      }
      saveOutbox();
      if (mutation.kind != PendingMutation.Kind.CALL) {
        refreshAll();
      }
    });
    return mutation.future;
  }

  /**
   * Fails, without sending them again, the unacknowledged mutations first sent longer ago than the
   * server keeps client records ({@code retentionMillis}, 0 when the server does not say): the
   * server may have applied one and forgotten it since, and would then apply it a second time.
   */
  private void dropExpired(long retentionMillis) {
    long now = System.currentTimeMillis();
    for (Iterator<PendingMutation> it = outbox.iterator(); it.hasNext(); ) {
      PendingMutation mutation = it.next();
      if (mutation.acked() || !mutation.expired(now, retentionMillis)) {
        continue;
      }
      it.remove();
      String what = mutation.kind + (mutation.collection == null ? " call" : " of " + mutation.collection.name())
          + " (seq " + mutation.seq + ")";
      log.warn("the {} was first sent {} and never answered; the server keeps a client's record for {} ms, so it is"
          + " not sent again: it may or may not have been applied", what,
          mutation.sentAt == 0 ? "at an unknown time" : (now - mutation.sentAt) + " ms ago", retentionMillis);
      if (mutation.future != null) {
        mutation.future.completeExceptionally(new LiveException(ErrorCode.MUTATION_EXPIRED, "this " + what
            + " was sent before and its answer never came; it was first sent longer ago than the server keeps"
            + " the record of a client's mutations (" + retentionMillis + " ms), so sending it again could apply"
            + " it twice. It may or may not have been applied: read the data, and write again if needed"));
      }
    }
  }

  /** Sends a mutation; it gets its sequence number now if it has none yet, and keeps it from then on. */
  private void send(PendingMutation mutation) {
    if (mutation.seq == 0) {
      mutation.seq = nextSeq++;
      mutation.sentAt = System.currentTimeMillis();
    }
    String type = mutation.kind == PendingMutation.Kind.CALL ? "call" : "mutate";
    pacer.send("{\"type\":\"" + type + "\",\"id\":\"m" + mutation.seq + "\",\"seq\":" + mutation.seq + ","
        + mutation.body + "}");
  }

  private @Nullable PendingMutation byRequestId(@Nullable String id) {
    if (id == null || !id.startsWith("m")) {
      return null;
    }
    for (PendingMutation mutation : outbox) {
      if (id.equals("m" + mutation.seq) && !mutation.acked()) {
        return mutation;
      }
    }
    return null;
  }

  private void ack(ServerMessage message) {
    PendingMutation mutation = byRequestId(message.id);
    if (mutation == null) {
      return;
    }
    switch (String.valueOf(message.status)) {
      case "applied" -> {
        mutation.ackRecord = message.row == null ? null : decodeRecord(mutation.collection, message.row);
        mutation.ackVersion = message.version;
        mutation.ackedAt = System.nanoTime();
        complete(mutation, mutation.ackRecord);
      }
      case "duplicate" -> duplicate(mutation);
      default -> {
        outbox.remove(mutation);
        LiveException error = message.error != null ? message.error
            : new LiveException(ErrorCode.UNKNOWN_ERROR, "the server rejected the mutation without a reason");
        if (mutation.future != null) {
          mutation.future.completeExceptionally(error);
        }
      }
    }
    saveOutbox();
    pruneAcked(System.nanoTime());
    refreshAll();
  }

  /**
   * The mutation was applied before (its ack was lost with a connection): nothing was done now,
   * so its future completes with the row as the server holds it now, read by a one-shot query.
   */
  private void duplicate(PendingMutation mutation) {
    mutation.ackVersion = 0; // every subscription has caught up with it, or is resuming or reset past it
    mutation.ackedAt = System.nanoTime();
    mutation.ackRecord = null;
    if (mutation.future == null) {
      return;
    }
    if (mutation.kind == PendingMutation.Kind.DELETE) {
      complete(mutation, null);
      return;
    }
    readRow(mutation.collection, mutation.key).whenComplete((row, error) -> {
      if (error != null) {
        mutation.future.completeExceptionally(error);
      } else {
        mutation.future.complete(row.orElse(null));
      }
    });
  }

  private <T> CompletableFuture<Optional<Object>> readRow(CollectionSchema<T> collection, Object id) {
    @SuppressWarnings("unchecked")
    QuerySpec<T> spec = QuerySpec.all(collection).one(id);
    return read(spec, RowShape.plain()).thenApply(rows -> rows.stream().findFirst().map(row -> (Object) row));
  }

  private void callResult(PendingMutation call, ServerMessage message) {
    outbox.remove(call);
    saveOutbox();
    try {
      Object value = decodeOutput(call.procedure, message.value);
      complete(call, value);
    } catch (RuntimeException e) {
      if (call.future != null) {
        call.future.completeExceptionally(e);
      }
    }
  }

  private void complete(PendingMutation mutation, @Nullable Object value) {
    if (mutation.future != null) {
      mutation.future.complete(value);
    }
  }

  @Nullable Object decodeOutput(dev.live.procedure.ProcedureDescriptor<?, ?> procedure, @Nullable String value) {
    if (procedure.output().isEmpty() || value == null || value.equals("null")) {
      return null;
    }
    return LiveJson.decode(json, procedure.output().get().codec(), value);
  }

  private <T> @Nullable T decodeRecord(CollectionSchema<T> collection, String row) {
    JsonCodec<T> codec = collection.codec();
    return row.equals("null") ? null : LiveJson.decode(json, codec, row);
  }

  /**
   * Drops acknowledged mutations that every subscription shows, or that are past the grace (a
   * subscription whose query the write does not touch never gets a delta to show it by).
   */
  private boolean pruneAcked(long now) {
    boolean pruned = false;
    for (Iterator<PendingMutation> it = outbox.iterator(); it.hasNext(); ) {
      PendingMutation mutation = it.next();
      if (mutation.acked() && (now - mutation.ackedAt > ACKED_GRACE_NANOS || shownEverywhere(mutation))) {
        it.remove();
        pruned = true;
      }
    }
    return pruned;
  }

  private boolean shownEverywhere(PendingMutation mutation) {
    for (ClientSubscription subscription : subscriptions.values()) {
      if (subscription.version < mutation.ackVersion) {
        return false;
      }
    }
    return true;
  }

  private void saveOutbox() {
    outboxFile.ifPresent(file -> file.save(clientId, outbox));
  }

  CompletableFuture<ClientStats> stats() {
    CompletableFuture<ClientStats> stats = new CompletableFuture<>();
    run(() -> stats.complete(new ClientStats(connections, snapshots, resumes, deltas)));
    return stats;
  }

  /** Mutations waiting for the server (unsent or unacknowledged), for tests and monitoring. */
  CompletableFuture<Integer> pendingCount() {
    CompletableFuture<Integer> count = new CompletableFuture<>();
    run(() -> count.complete((int) outbox.stream().filter(mutation -> !mutation.acked()).count()));
    return count;
  }

  // ---- the loop ----

  /**
   * A query or a subscription the server refused for the rate (its user's other connections share
   * the allowance this client paces itself by): sent again a second later, on this connection if
   * it is still the one, else with everything else on the next. False if {@code id} is neither.
   */
  private boolean retryLaterIfWaiting(String id) {
    Request request = requests.get(id);
    ClientSubscription subscription = subscriptions.get(id);
    if (request == null && subscription == null) {
      return false;
    }
    ClientSocket current = socket;
    loop.schedule(() -> guarded(() -> {
      if (socket != current || !welcomed) {
        return; // a new connection sent it again already
      }
      if (request != null && requests.get(id) == request) {
        pacer.send(request.message());
      } else if (subscription != null && subscriptions.get(id) == subscription) {
        pacer.send(subscription.subscribeMessage());
      }
    }), 1, TimeUnit.SECONDS);
    return true;
  }

  /** Sends {@code text} on the open connection; false when there is none (on the loop thread). */
  private boolean sendIfWelcomed(String text) {
    if (!welcomed || socket == null) {
      return false;
    }
    pacer.send(text);
    return true;
  }

  ClientRooms rooms() {
    return rooms;
  }

  private void run(Runnable task) {
    try {
      loop.execute(() -> guarded(task));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.debug("the client is closed; dropping a task");
    }
  }

  private void guarded(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.error("the Live client failed to handle an event", e);
    }
  }
}

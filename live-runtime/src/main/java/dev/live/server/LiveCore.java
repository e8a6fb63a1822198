package dev.live.server;

import com.fasterxml.jackson.core.JsonFactory;
import dev.live.auth.AuthContext;
import dev.live.auth.Authenticator;
import dev.live.auth.Handshake;
import dev.live.engine.LiveEngine;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.procedure.ProcedureDispatcher;
import dev.live.server.protocol.MessageReader;
import dev.live.server.protocol.ServerMessages;
import dev.live.storage.NodeRegistry;
import dev.live.storage.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running parts of a server behind its Jetty handler: storage, the live query engine, the
 * request service, the worker pool, and the open connections. Started and stopped with the
 * handler.
 */
final class LiveCore {
  private static final Logger log = LoggerFactory.getLogger(LiveCore.class);
  private static final long CLOSE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final Duration TAKEOVER_WAIT = Duration.ofSeconds(10);
  /**
   * Users or addresses with a rate-limit bucket at most, each; beyond, new ones share one bucket.
   * An entry costs about 200 bytes, so each map stays under 4 MB whatever clients do.
   */
  private static final int MAX_BUCKET_KEYS = 20_000;
  /** How long connections closed after a fatal error have to end before the server goes on stopping. */
  private static final long FATAL_CLOSE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
  /** Preallocated: memory may be short when it is sent. */
  private static final String FATAL_CLOSE_REASON = "the server stopped after an internal error; connect again later";

  private final ServerConfig config;
  private final Map<String, ProcedureDispatcher> dispatchers;
  private final JsonFactory jsonFactory;
  private final BrowserFiles browserFiles;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final Map<String, Connection> byClient = new ConcurrentHashMap<>();
  private final OriginCheck origins;
  private final SharedBuckets userBuckets;
  /** The shared buckets of anonymous clients, by address. */
  private final SharedBuckets addressBuckets;
  private final ConnectionLimits connectionLimits;
  private Store store;
  private LiveEngine engine;
  private LiveService service;
  private MessageReader reader;
  private ThreadPoolExecutor workers;
  /** Threads of their own for group commits: a group waiting on a lock must not take a worker from other requests. */
  private ThreadPoolExecutor committers;
  private SendScheduler senders;
  private ScheduledExecutorService timer;
  private ParkedSubscriptions parked;
  private RecentRejections rejections;
  private NodeRegistry nodes;
  private final RoomHub rooms;
  private final ServerMetrics metrics = new ServerMetrics();
  private final FailureLog failures = new FailureLog();
  private final ClientBuffers buffers;
  /** Where fatal errors go ({@link FatalErrorPolicy}); a new one each start. */
  private volatile FatalErrors fatal;
  /** Whether stop() ran since the last start: after a fatal error the server stops itself, and the application again. */
  private boolean stopped;

  /** The control message that ends a user's sessions on every node: {@code end-sessions <node> <user>}. */
  private static final String END_SESSIONS = "end-sessions";

  LiveCore(ServerConfig config) {
    this.config = config;
    Map<String, ProcedureDispatcher> byName = new HashMap<>();
    for (Object service : config.procedures()) {
      ProcedureDispatcher dispatcher = config.schema().dispatcherFor(service).orElseThrow(() ->
          new IllegalArgumentException(service.getClass().getName() + " declares no @Procedure methods this"
              + " schema knows; pass instances of the procedure classes the processor saw"));
      dispatcher.procedures().forEach(p -> byName.put(p.name(), dispatcher));
    }
    for (String name : config.procedureRoles().keySet()) {
      if (!byName.containsKey(name)) {
        throw new IllegalArgumentException("roles are set for procedure '" + name + "', which the server does not"
            + " run; it runs: " + String.join(", ", byName.keySet()));
      }
      Set<String> declared = byName.get(name).procedure(name).orElseThrow().roles();
      if (!declared.isEmpty()) {
        throw new IllegalArgumentException("roles are set on the builder for procedure '" + name + "', which declares"
            + " its own with @Procedure(roles = ...): " + String.join(", ", declared.stream().sorted().toList())
            + "; keep them in one place, the annotation");
      }
    }
    this.dispatchers = Map.copyOf(byName);
    this.jsonFactory = JsonFactory.builder().streamReadConstraints(config.options().readConstraints()).build();
    this.rooms = new RoomHub(config.roomTypes(), config.roomOptions(), jsonFactory);
    this.browserFiles = new BrowserFiles(config.schema(), SchemaDescription.json(config.schema(), jsonFactory));
    this.origins = new OriginCheck(config.options().allowedOrigins());
    ServerOptions options = config.options();
    this.userBuckets = new SharedBuckets(options.userMessagesPerSecond(), options.userMessageBurst(), MAX_BUCKET_KEYS,
        System::nanoTime);
    this.addressBuckets = new SharedBuckets(options.addressMessagesPerSecond(), options.addressMessageBurst(),
        MAX_BUCKET_KEYS, System::nanoTime);
    this.connectionLimits = new ConnectionLimits(options);
    // Woken on the workers (created at start): see ClientBuffers.
    this.buffers = new ClientBuffers(options.clientBufferBytes(), task -> {
      ThreadPoolExecutor pool = workers;
      if (pool != null) {
        pool.execute(task);
      }
    });
  }

  void start() {
    synchronized (this) {
      stopped = false;
    }
    store = config.openStore();
    try {
      fatal = new FatalErrors(config.options().fatalErrorPolicy(), this::closeAfterFatal, this::stop);
      fatal.start();
      engine = LiveEngine.start(store, config.options().engineOptions(), fatal::report);
      nodes = NodeRegistry.join(store, config.options().nodeId(), fatal.timer("live-node-heartbeat"));
      store.changes().onControl(this::controlMessage);
      int size = config.options().workerThreads();
      // Each thread of the server reports what ends it: a dead worker or committer is a fatal error.
      workers = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
          fatal.threads("live-worker-"));
      committers = new ThreadPoolExecutor(GroupCommit.MAX_RUNNING, GroupCommit.MAX_RUNNING, 60, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), fatal.threads("live-commit-"));
      service = new LiveService(store, engine, config.rules(), config.middlewares(), config.procedureRoles(),
          config.options().queryLimits(), metrics, committers, new WriteQuotas(config.writeQuotas(), System::nanoTime));
      reader = new MessageReader(config.schema(), dispatchers, config.roomTypes(), config.options().queryLimits(),
          jsonFactory);
      senders = new SendScheduler(Runtime.getRuntime().availableProcessors(), fatal);
      timer = fatal.timer("live-timer");
      parked = new ParkedSubscriptions(config.options().resumeRetention());
      rejections = new RecentRejections(config.options().resumeRetention());
      timer.scheduleWithFixedDelay(this::expireParked, 1, 1, TimeUnit.SECONDS);
      long period = Math.max(50, Math.min(1000, config.options().writeTimeout().toMillis() / 4));
      timer.scheduleWithFixedDelay(this::checkWrites, period, period, TimeUnit.MILLISECONDS);
      timer.scheduleAtFixedRate(metrics::tick, 1, 1, TimeUnit.SECONDS);
      timer.scheduleWithFixedDelay(this::sweepBuckets, 1, 1, TimeUnit.SECONDS);
      config.metricsBinding().ifPresent(binding -> binding.bind(this));
      if (!config.roomTypes().isEmpty()) {
        timer.scheduleWithFixedDelay(this::checkPresence, 1, 1, TimeUnit.SECONDS);
      }
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  RoomHub rooms() {
    return rooms;
  }

  /**
   * Closes the connection when its session ends (its credentials' expiry), if they say when; null
   * if not. Never before the expiry by the wall clock: the timer runs on the monotonic clock, which
   * may run ahead of the wall clock, so a timer that fires early waits again for what is left.
   */
  java.util.concurrent.@org.jspecify.annotations.Nullable ScheduledFuture<?> closeOnExpiry(Connection connection) {
    if (connection.auth().expiresAt().isEmpty()) {
      return null;
    }
    java.time.Instant expiry = connection.auth().expiresAt().get();
    long delay;
    try {
      // Rounded up to the next millisecond: Instant.now() has finer steps than the timer.
      delay = Math.max(0, java.time.Duration.between(java.time.Instant.now(), expiry).plusNanos(999_999).toMillis());
    } catch (ArithmeticException farAway) {
      return null; // beyond any connection's life
    }
    return timer.schedule(() -> {
      if (!connection.auth().isExpired(java.time.Instant.now())) {
        closeOnExpiry(connection);
        return;
      }
      workers.execute(() -> connection.close(StatusCode.POLICY_VIOLATION, "the session expired; sign in again"));
    }, delay, TimeUnit.MILLISECONDS);
  }

  /**
   * Ends every session of user {@code userId}, on every node of the database: their connections
   * are closed with 1008, and the subscriptions they left for resuming are ended. The other nodes
   * hear of it by a control message (docs/scale-out.md); how many connections this node closed.
   */
  int endSessions(String userId) {
    int closed = endLocalSessions(userId);
    service.store().changes().sendControl(END_SESSIONS + " " + config.options().nodeId() + " " + userId);
    return closed;
  }

  /** A control message from a node of this database (this one's come back too, and are skipped). */
  private void controlMessage(String text) {
    String[] parts = text.split(" ", 3);
    if (parts.length < 3 || parts[1].equals(config.options().nodeId())) {
      return;
    }
    if (parts[0].equals(END_SESSIONS)) {
      // On a worker: the listener's thread only hands messages on.
      ThreadPoolExecutor pool = workers;
      if (pool != null && !pool.isShutdown()) {
        pool.execute(() -> endLocalSessions(parts[2]));
      }
    }
  }

  private int endLocalSessions(String userId) {
    int closed = 0;
    for (Connection connection : List.copyOf(connections)) {
      if (connection.auth().userId().filter(userId::equals).isPresent()) {
        connection.close(StatusCode.POLICY_VIOLATION, "the server ended this user's sessions; sign in again");
        closed++;
      }
    }
    parked.endClientsStartingWith(MutationKeys.userPrefix(userId));
    return closed;
  }

  ServerMetrics metrics() {
    return metrics;
  }

  /** Characters waiting in every connection's outbound queue: the total and the largest. */
  long[] queuedChars() {
    long total = 0;
    long max = 0;
    for (Connection connection : connections) {
      Outbound outbound = connection.outbound();
      long queued = outbound == null ? 0 : outbound.queuedChars();
      total += queued;
      max = Math.max(max, queued);
    }
    return new long[] {total, max};
  }

  /** The stats endpoint's JSON ({@code docs/configuration.md}, "Observability"). */
  String statsJson() {
    ServerMetrics.Rates rates = metrics.rates();
    long[] queued = queuedChars();
    dev.live.engine.EngineStats engine = service.engine().stats();
    return "{\"node\":" + nodesJson()
        + ",\"connections\":" + connections.size()
        + ",\"subscriptions\":" + engine.subscriptions()
        + ",\"queryNodes\":" + engine.nodes()
        + ",\"engine\":{\"relationSets\":" + engine.relationSets() + ",\"cachedRows\":" + engine.cachedRows()
        + ",\"heldRows\":" + engine.heldRows() + ",\"pendingNodes\":" + engine.pendingNodes()
        + ",\"reads\":" + engine.reads() + ",\"deferrals\":" + engine.deferrals() + "}"
        + ",\"parkedSubscriptions\":" + parked.size()
        + ",\"clientBuffers\":{\"heldChars\":" + buffers.held() + ",\"limitChars\":" + buffers.limit() + "}"
        + ",\"recentRejections\":" + rejections.size()
        + ",\"rooms\":" + rooms.roomCount()
        + ",\"messagesInPerSecond\":" + round(rates.messagesInPerSecond())
        + ",\"messagesOutPerSecond\":" + round(rates.messagesOutPerSecond())
        + ",\"mutationsPerSecond\":" + round(rates.mutationsPerSecond())
        + ",\"outboundQueuedChars\":{\"total\":" + queued[0] + ",\"max\":" + queued[1] + "}"
        + ",\"processingMicros\":{\"p50\":" + rates.processingP50Micros() + ",\"p99\":" + rates.processingP99Micros()
        + ",\"max\":" + rates.processingMaxMicros() + "}"
        + ",\"heap\":" + HeapFigures.json()
        + ",\"windowSeconds\":" + ServerMetrics.WINDOW_SECONDS + "}";
  }

  /** This node's id, then the live nodes of its database: {@code "n1","nodes":["n1","n2"]}. */
  String nodesJson() {
    NodeRegistry registry = nodes;
    StringBuilder json = new StringBuilder().append(ServerMessages.string(registry.id())).append(",\"nodes\":[");
    List<String> live = registry.liveNodes();
    for (int i = 0; i < live.size(); i++) {
      // Ids of other nodes come from the database: written as JSON strings, whatever they hold.
      json.append(i == 0 ? "" : ",").append(ServerMessages.string(live.get(i)));
    }
    return json.append(']').toString();
  }

  private static String round(double value) {
    return String.valueOf(Math.round(value * 10) / 10.0);
  }

  /**
   * Room members must stay heard from: a connection in a room that has been silent for a third of
   * the presence timeout gets a WebSocket ping (which every client answers by itself), and one
   * silent for the whole timeout is closed, which takes it out of its rooms.
   */
  private void checkPresence() {
    try {
      sweepPresence();
    } catch (RuntimeException e) {
      log.warn("checking room members' presence failed", e); // the next sweep runs all the same
    }
  }

  private void sweepPresence() {
    long timeout = config.roomOptions().presenceTimeout().toNanos();
    long now = System.nanoTime();
    rooms.forEachMemberConnection(connection -> {
      long silent = now - connection.lastHeardNanos();
      if (silent > timeout) {
        log.info("closing connection {}: nothing heard for {} ms while in a room", connection.clientId(),
            TimeUnit.NANOSECONDS.toMillis(silent));
        workers.execute(() -> connection.close(StatusCode.POLICY_VIOLATION, "no heartbeat for "
            + config.roomOptions().presenceTimeout().toSeconds() + " s"));
      } else if (silent > timeout / 3) {
        connection.ping();
      }
    });
  }

  /** Where fatal errors go; null before the first start. */
  FatalErrors fatal() {
    return fatal;
  }

  /** After a fatal error: every connection is closed with 1011, and given a moment to end. */
  private void closeAfterFatal() {
    for (Connection connection : List.copyOf(connections)) {
      try {
        connection.close(StatusCode.SERVER_ERROR, FATAL_CLOSE_REASON);
      } catch (RuntimeException e) {
        log.warn("closing a connection after a fatal error failed", e); // the others still close
      }
    }
    long deadline = System.nanoTime() + FATAL_CLOSE_GRACE_NANOS;
    while (!connections.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  // Synchronized: after a fatal error the server stops on a thread of its own, and the
  // application may stop it at the same time.
  synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    FatalErrors errors = fatal;
    if (errors != null) {
      errors.close();
    }
    boolean failed = errors != null && errors.hasFailed();
    for (Connection connection : List.copyOf(connections)) {
      connection.close(failed ? StatusCode.SERVER_ERROR : StatusCode.SHUTDOWN,
          failed ? FATAL_CLOSE_REASON : "the server is stopping");
    }
    if (timer != null) {
      timer.shutdownNow();
    }
    if (parked != null) {
      parked.endAll();
    }
    if (senders != null) {
      senders.close();
    }
    for (ThreadPoolExecutor pool : new ThreadPoolExecutor[] {workers, committers}) {
      if (pool != null) {
        pool.shutdown();
        try {
          pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    if (engine != null) {
      engine.close();
    }
    if (nodes != null) {
      nodes.close();
    }
    if (store != null) {
      config.closeStore(store);
    }
  }

  /** Subscriptions of dropped connections, waiting for their client to resume them. */
  ParkedSubscriptions parked() {
    return parked;
  }

  /** Rejected mutations and calls, for clients that send them again after a lost ack. */
  RecentRejections rejections() {
    return rejections;
  }

  /**
   * Over the client buffers' limit, frees what is least needed, in order, until under it: the
   * subscriptions dropped clients left (oldest first: they may never come back), then the resume
   * logs of connected clients (they cost a snapshot only if the client drops), then connections
   * stopped in the middle of a message for room (closed with 1013, to send it again later), which
   * would otherwise wait on each other for good.
   */
  private void relieveBuffers() {
    while (buffers.over() && parked.endOldestClient()) {
      // each round ends one dropped client's kept subscriptions, and gives back their logs
    }
    for (java.util.Iterator<Connection> all = connections.iterator(); buffers.over() && all.hasNext(); ) {
      all.next().forgetResumeLogs();
    }
    for (java.util.Iterator<Connection> all = connections.iterator(); buffers.over() && all.hasNext(); ) {
      Connection connection = all.next();
      if (connection.pausedInAMessage()) {
        log.info("closing connection {}: the server's client buffers are full while it sends a message",
            connection.clientId());
        connection.close(StatusCode.TRY_AGAIN_LATER, "the server is short of memory for client messages; send"
            + " it again later");
      }
    }
  }

  private void sweepBuckets() {
    try {
      userBuckets.sweep();
      addressBuckets.sweep();
    } catch (RuntimeException e) {
      log.warn("dropping idle rate-limit buckets failed", e);
    }
  }

  private void expireParked() {
    try {
      parked.expire();
      rejections.expire();
      relieveBuffers();
    } catch (RuntimeException e) {
      log.warn("ending expired parked subscriptions failed", e);
    }
  }

  ServerOptions options() {
    return config.options();
  }

  LiveService service() {
    return service;
  }

  MessageReader reader() {
    return reader;
  }

  ExecutorService workers() {
    return workers;
  }

  /** Threads that start sends to connections whose queue was idle (sends then continue on Jetty's). */
  SendScheduler senders() {
    return senders;
  }

  JsonFactory jsonFactory() {
    return jsonFactory;
  }

  BrowserFiles browserFiles() {
    return browserFiles;
  }

  Map<String, ProcedureDispatcher> dispatchers() {
    return dispatchers;
  }

  ServerConfig config() {
    return config;
  }

  int connectionCount() {
    return connections.size();
  }

  /** Users with a rate-limit bucket: those with an open connection, and those that sent lately. */
  int userBucketCount() {
    return userBuckets.size();
  }

  /** What the server holds for all clients together, and its limit. */
  ClientBuffers buffers() {
    return buffers;
  }

  /**
   * Makes room for one more subscription within {@code maxSubscriptionsTotal}: the oldest of
   * those kept for resuming are ended first; refuses with {@code LIMIT_EXCEEDED} if that is not
   * enough.
   */
  void makeRoomForSubscription() {
    int max = config.options().maxSubscriptionsTotal();
    while (engine.subscriptionCount() >= max && parked.endOldestClient()) {
      // each round ends one dropped client's kept subscriptions
    }
    if (engine.subscriptionCount() >= max) {
      throw new LiveException(ErrorCode.LIMIT_EXCEEDED, "the server has " + max + " subscriptions open, as many as"
          + " it allows; try again later");
    }
  }

  /** Where requests that failed on the server are logged, at a bounded rate. */
  FailureLog failures() {
    return failures;
  }

  OriginCheck origins() {
    return origins;
  }

  ConnectionLimits connectionLimits() {
    return connectionLimits;
  }

  /**
   * The address a request comes from: the socket's, or behind a trusted proxy the last address in
   * the configured header (the one the proxy appended; those before it are the client's to claim).
   */
  String clientAddress(Request request) {
    String header = config.options().clientAddressHeader();
    if (!header.isEmpty()) {
      List<String> values = request.getHeaders().getValuesList(header);
      if (!values.isEmpty()) {
        String last = values.get(values.size() - 1);
        String address = last.substring(last.lastIndexOf(',') + 1).trim();
        if (!address.isEmpty()) {
          return address.length() > 100 ? address.substring(0, 100) : address;
        }
      }
    }
    String remote = Request.getRemoteAddr(request);
    return remote == null ? "" : remote;
  }

  /**
   * Takes one token for an HTTP request from its sender's shared bucket (its user's, or its
   * address's when anonymous): HTTP gets no rate of its own beside the WebSocket's. Refuses with
   * {@code RATE_LIMITED} when the bucket is empty.
   */
  void admitHttp(AuthContext auth, String address) {
    ServerOptions options = config.options();
    boolean user = auth.userId().isPresent();
    TokenBucket bucket = user ? userBuckets.bucket(auth.userId().get()) : addressBuckets.bucket(address);
    if (!bucket.tryTake()) {
      throw new LiveException(ErrorCode.RATE_LIMITED, (user
          ? "this user sent more than " + options.userMessagesPerSecond() + " messages and requests per second"
          : "your address sent more than " + options.addressMessagesPerSecond() + " anonymous messages and requests"
              + " per second") + "; this request was not run: send it again more slowly");
    }
  }

  /**
   * Jetty's WebSocket creator: checks the upgrade's origin (403 when not allowed), then
   * authenticates it (401 when that fails), then the connection limits (503); a refused upgrade
   * opens no connection.
   */
  Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
    AuthContext auth;
    String address;
    try {
      // Before authenticating: a refused page cannot tell whether the credentials it sent are
      // valid (401 or not), and costs no token check.
      origins.check(request);
      auth = authenticate(request);
      address = clientAddress(request);
      connectionLimits.check(address, auth.userId());
    } catch (LiveException e) {
      if (e.code() == ErrorCode.TOO_MANY_CONNECTIONS) {
        log.atDebug().setMessage("upgrade refused").addKeyValue("remote", Request.getRemoteAddr(request))
            .addKeyValue("reason", e.getMessage()).log();
      }
      HttpReplies.error(response, callback, e);
      return null;
    }
    if (!config.options().compression()) {
      response.setExtensions(java.util.List.of());
    }
    return new Connection(this, auth, address);
  }

  /**
   * Who made {@code request}: the authenticator's answer. Fails with {@code UNAUTHENTICATED} when
   * it refuses, throws, or answers anonymous where anonymous clients are not allowed.
   */
  AuthContext authenticate(Request request) {
    Authenticator authenticator = config.authenticator();
    AuthContext auth;
    try {
      auth = authenticator.authenticate(handshake(request));
    } catch (LiveException e) {
      log.atInfo().setMessage("authentication refused").addKeyValue("remote", Request.getRemoteAddr(request))
          .addKeyValue("code", e.code()).log();
      throw new LiveException(ErrorCode.UNAUTHENTICATED, e.getMessage());
    } catch (RuntimeException e) {
      log.warn("the authenticator failed for a request from {}", Request.getRemoteAddr(request), e);
      throw new LiveException(ErrorCode.UNAUTHENTICATED, "the credentials could not be checked");
    }
    if (auth == null || (!auth.isAuthenticated() && !config.options().allowAnonymous())) {
      throw new LiveException(ErrorCode.UNAUTHENTICATED, "this server needs credentials");
    }
    if (auth.isExpired(java.time.Instant.now())) {
      throw new LiveException(ErrorCode.UNAUTHENTICATED, "the session expired; sign in again");
    }
    return auth;
  }

  private static Handshake handshake(Request request) {
    Map<String, List<String>> headers = new HashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
    }
    Map<String, String> cookies = new HashMap<>();
    for (HttpCookie cookie : Request.getCookies(request)) {
      cookies.putIfAbsent(cookie.getName(), cookie.getValue());
    }
    Map<String, List<String>> query = new HashMap<>();
    Fields fields = Request.extractQueryParameters(request);
    for (Fields.Field field : fields) {
      query.put(field.getName(), List.copyOf(field.getValues()));
    }
    String remote = Request.getRemoteAddr(request);
    return new Handshake(headers, cookies, query, remote == null ? "" : remote);
  }

  /**
   * The rate limit of a connection opening for {@code auth} from {@code address}: a bucket of its
   * own and a shared one, its user's or, when anonymous, its address's, held until {@link #closed}
   * releases it.
   */
  MessageRateLimit openRateLimit(AuthContext auth, String address) {
    ServerOptions options = config.options();
    TokenBucket own = new TokenBucket(options.messagesPerSecond(), options.messageBurst(), System::nanoTime);
    TokenBucket shared = auth.userId().map(userBuckets::acquire).orElseGet(() -> addressBuckets.acquire(address));
    return new MessageRateLimit(own, Optional.of(shared), options.rateLimitStrikes(), System::nanoTime);
  }

  void opened(Connection connection) {
    connections.add(connection);
  }

  /** Once a connection has ended (called once): the server forgets it and releases what it held. */
  void closed(Connection connection) {
    connections.remove(connection);
    MessageRateLimit limit = connection.rateLimit();
    if (limit != null && limit.shared().isPresent()) { // it opened, so it holds its user's or address's bucket
      if (connection.auth().userId().isPresent()) {
        userBuckets.release(connection.auth().userId().get(), limit.shared().get());
      } else {
        addressBuckets.release(connection.address(), limit.shared().get());
      }
    }
    if (connection.counted()) {
      connectionLimits.closed(connection.address(), connection.auth().userId());
    }
    String key = connection.mutationKey();
    if (key != null) {
      // Known as its client's connection until its last request ends: a reconnecting client's
      // new connection must wait for a mutation the old one is still running.
      connection.whenIdle(() -> byClient.remove(key, connection));
    }
  }

  /**
   * Makes {@code connection} the one of {@code clientId}: an earlier connection of the same client
   * is closed, and its requests finish before this one's start (bounded by a wait of 10 s).
   */
  void takeOver(String clientId, Connection connection) {
    // Keyed by user and client id: one user cannot close another's connections by naming its id.
    Connection earlier = byClient.put(connection.mutationKey(), connection);
    if (earlier == null || earlier == connection) {
      return;
    }
    earlier.close(StatusCode.POLICY_VIOLATION, "client " + clientId + " connected again");
    long deadline = System.nanoTime() + TAKEOVER_WAIT.toNanos();
    while (!earlier.isIdle() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Closes connections whose client stopped reading, and ends closes that did not complete. */
  private void checkWrites() {
    long now = System.nanoTime();
    long timeout = config.options().writeTimeout().toNanos();
    for (Connection connection : connections) {
      try {
        long since = connection.outbound() == null ? 0 : connection.outbound().sendingSince();
        if (since != 0 && now - since > timeout) {
          log.info("disconnecting client {}: a send waited more than {} ms", connection.clientId(),
              config.options().writeTimeout().toMillis());
          connection.disconnect();
        } else if (connection.closeRequestedAt() != 0 && now - connection.closeRequestedAt() > CLOSE_GRACE_NANOS) {
          connection.disconnect();
        }
      } catch (RuntimeException e) {
        log.warn("checking a connection failed", e);
      }
    }
  }
}

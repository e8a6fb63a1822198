package dev.live.server;

import dev.live.auth.AuthContext;
import dev.live.engine.EngineSubscription;
import dev.live.engine.LiveEngine;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.error.ReportWindow;
import dev.live.query.QueryJson;
import dev.live.query.QuerySpec;
import dev.live.server.protocol.BadMessage;
import dev.live.server.protocol.ClientMessage;
import dev.live.server.protocol.ServerMessages;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's WebSocket connection: reads its messages with explicit demand (at most {@code
 * maxRequestsInFlight} received and not yet answered), runs them in order on the worker pool,
 * and sends the replies, snapshots and deltas through its bounded {@link Outbound} queue.
 *
 * <p>Not part of the API: the class is public only because Jetty binds the listener methods
 * through public method handles; it cannot be built outside this package.
 */
public final class Connection implements Session.Listener {
  private static final Logger log = LoggerFactory.getLogger(Connection.class);
  private static final CompletionStage<?> DONE = java.util.concurrent.CompletableFuture.completedFuture(null);
  /** How long a reset waits for this node to read up to what the client holds (milliseconds, with the wake-ups). */
  static final java.time.Duration RESET_CATCH_UP = java.time.Duration.ofSeconds(2);

  private final LiveCore core;
  private final AuthContext auth;
  /** The client's address ({@link LiveCore#clientAddress}), which the connection limits count by. */
  private final String address;
  /** Whether the connection limits counted this connection when it opened. */
  private volatile boolean counted;
  private final SerialExecutor requests;
  private final Map<String, ConnectionSubscription> subscriptions = new ConcurrentHashMap<>();
  private volatile Session session;
  private volatile Outbound outbound;
  private volatile String clientId;
  /** The key of this client's mutation records, known from hello on. */
  private volatile String mutationKey;
  private volatile boolean closed;
  /** Whether this connection's subscriptions wait for the client to resume them when it ends. */
  private volatile boolean parkOnEnd = true;
  private final ResumeBudget resumeBudget;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile long closeRequestedAt;
  /** Set when the connection opens; null before, and for a connection that never opened. */
  private volatile MessageRateLimit rateLimit;
  private int inFlight;
  private boolean paused;
  private final ReportWindow failures = FailureLog.window();
  /** Whether the connection waits for the client buffers to have room to read again. Guarded by this. */
  private boolean awaitingRoom;
  /** The rooms this connection is in, by full name; changed by the room hub. */
  private final java.util.Set<String> rooms = ConcurrentHashMap.newKeySet();
  private volatile long lastHeardNanos = System.nanoTime();
  /**
   * The text message being gathered from its frames, and its length. Guarded by this: the reading
   * thread gathers, and the server's sweep may end a connection paused in the middle.
   */
  private java.util.List<String> partial;
  private long partialChars;
  /** Whether no message was read yet; only the reading thread touches it. */
  private boolean firstMessage = true;
  /** The close at the session's expiry, cancelled when the connection ends first. */
  private volatile java.util.concurrent.@org.jspecify.annotations.Nullable ScheduledFuture<?> expiry;

  Connection(LiveCore core, AuthContext auth, String address) {
    this.core = core;
    this.auth = auth;
    this.address = address;
    this.requests = new SerialExecutor(core.workers());
    this.resumeBudget = new ResumeBudget(core.options().resumeBufferBytes(), core.buffers());
  }

  @Override
  public void onWebSocketOpen(Session session) {
    this.session = session;
    Optional<String> refusal = core.connectionLimits().open(address, auth.userId());
    if (refusal.isPresent()) {
      // Another upgrade took the last place after this one's check: it goes, as it would have
      // been refused a moment later.
      log.atDebug().setMessage("connection over a limit closed").addKeyValue("reason", refusal.get()).log();
      closed = true;
      session.close(StatusCode.TRY_AGAIN_LATER, refusal.get(), Callback.NOOP);
      session.demand(); // to read the client's close frame
      return;
    }
    counted = true;
    this.rateLimit = core.openRateLimit(auth, address);
    this.outbound = new Outbound(session, core.senders(), core.options().maxQueuedBytes(), core.buffers(),
        this::drained, this::overflowed, core.metrics().messagesOut);
    core.opened(this);
    expiry = core.closeOnExpiry(this);
    session.demand();
  }

  /**
   * A frame of a text message (Jetty delivers frames, at most {@link LiveHandler#MAX_FRAME_CHARS}
   * each, rather than whole messages: a message is gathered here, charged to the client buffers
   * as it grows, so that connections receiving large messages slowly stop reading when those are
   * full instead of holding up to {@code maxMessageBytes} each outside any bound).
   */
  @Override
  public void onWebSocketPartialText(String fragment, boolean last) {
    lastHeardNanos = System.nanoTime();
    if (closed) {
      session.demand(); // drain, see message()
      return;
    }
    String whole = null;
    boolean tooLarge = false;
    boolean pause = false;
    synchronized (this) {
      if (partial == null && last) {
        whole = fragment; // most messages: one frame, nothing to gather
      } else if (closed) {
        // Ended since the check above: what ending gave back must not be charged again.
      } else {
        if (partial == null) {
          partial = new ArrayList<>();
        }
        partial.add(fragment);
        core.buffers().charge(fragment.length());
        partialChars += fragment.length();
        tooLarge = partialChars > core.options().maxMessageBytes();
        if (last && !tooLarge) {
          // Joined once, at its exact size: a growing builder would hold up to twice the text.
          whole = String.join("", partial);
        }
        if (last || tooLarge) {
          releasePartial();
        } else if (core.buffers().over()) {
          // Gathering waits for room; if the buffers stay full, the server's sweep ends this
          // connection rather than wait on it (see LiveCore#relieveBuffers).
          paused = true;
          pause = true;
        }
      }
    }
    if (tooLarge) {
      close(StatusCode.MESSAGE_TOO_LARGE, "a message has at most " + core.options().maxMessageBytes() + " bytes");
      session.demand(); // drain
    } else if (whole != null) {
      message(whole);
    } else if (pause) {
      awaitRoom();
    } else {
      session.demand();
    }
  }

  /** Forgets the message being gathered, and gives its characters back. */
  private synchronized void releasePartial() {
    core.buffers().release(partialChars);
    partial = null;
    partialChars = 0;
  }

  /** Whether reading stopped in the middle of a message, for the client buffers to have room. */
  synchronized boolean pausedInAMessage() {
    return paused && partial != null;
  }

  /**
   * Forgets what this connection's subscriptions keep for resuming: the client buffers are full.
   * A client that drops and comes back gets a fresh snapshot instead of the deltas it missed.
   */
  void forgetResumeLogs() {
    for (ConnectionSubscription subscription : subscriptions.values()) {
      subscription.forgetLog();
    }
  }

  /** A whole message: run it in its turn, and read the next one if the limits allow. */
  private void message(String text) {
    core.metrics().messagesIn.increment();
    if (closed) {
      // Read and drop what the client still sends: unread input would make the socket's close a
      // reset, and the client would lose the replies and the close reason on their way to it.
      session.demand();
      return;
    }
    // The first message (the hello) always passes: refused, it would leave the client waiting for
    // a welcome that never comes, and one message per connection cannot flood.
    MessageRateLimit.Verdict verdict = firstMessage ? MessageRateLimit.Verdict.ADMITTED : rateLimit.admit();
    firstMessage = false;
    if (verdict == MessageRateLimit.Verdict.CLOSE) {
      log.atInfo().setMessage("closing a connection over its rate limit").addKeyValue("client", clientId)
          .addKeyValue("user", auth.userId().orElse("-")).addKeyValue("refused", core.options().rateLimitStrikes())
          .addKeyValue("withinSeconds", MessageRateLimit.STRIKE_WINDOW.toSeconds()).log();
      close(StatusCode.POLICY_VIOLATION, "rate limit: more than " + core.options().rateLimitStrikes()
          + " messages refused within " + MessageRateLimit.STRIKE_WINDOW.toSeconds() + " s");
      session.demand(); // drain the input, see message()
      return;
    }
    boolean more;
    ClientBuffers buffers = core.buffers();
    buffers.charge(text.length()); // until answered
    synchronized (this) {
      inFlight++;
      more = inFlight < core.options().maxRequestsInFlight() && !buffers.over();
      paused = !more;
    }
    if (!more && buffers.over()) {
      awaitRoom(); // its own answers may not come soon, or at all
    }
    // A refused message is answered in its turn too: replies keep the order of the requests.
    SerialExecutor.Task task = verdict == MessageRateLimit.Verdict.ADMITTED ? () -> handle(text) : () -> {
      refuse(text, verdict);
      return DONE;
    };
    requests.submit(() -> {
      long start = System.nanoTime();
      CompletionStage<?> finished = DONE;
      try {
        finished = task.start();
      } finally {
        Runnable done = () -> {
          core.metrics().processed(System.nanoTime() - start);
          buffers.release(text.length());
          answered();
        };
        if (finished == DONE) {
          done.run(); // most requests: answered already, no stage to chain on
        } else {
          finished.whenComplete((result, failure) -> done.run());
        }
      }
      return finished;
    });
    if (more) {
      session.demand();
    }
  }

  private void answered() {
    synchronized (this) {
      inFlight--;
    }
    if (core.buffers().over()) {
      awaitRoom();
    } else {
      resumeReading();
    }
  }

  /** Resumes reading once the client buffers have room; one wait at a time per connection. */
  private void awaitRoom() {
    synchronized (this) {
      if (awaitingRoom) {
        return;
      }
      awaitingRoom = true;
    }
    core.buffers().whenBelow(() -> {
      synchronized (this) {
        awaitingRoom = false;
      }
      resumeReading();
    });
  }

  /**
   * Reads the next message if reading was paused and may go on: fewer requests in flight than
   * allowed. Called when one is answered, and when the server's client buffers have room again;
   * only one of the calls demands.
   */
  private void resumeReading() {
    synchronized (this) {
      if (!paused || inFlight >= core.options().maxRequestsInFlight()) {
        return;
      }
      paused = false;
    }
    session.demand(); // closed too: what the client still sends is read and dropped (see message())
  }

  /**
   * The answer to the server's ping (see {@link LiveCore}'s presence check): the client is alive.
   * A listener that takes pongs must ask for the next frame itself (explicit demand); pings,
   * which this class leaves alone, Jetty answers and reads past by itself.
   */
  @Override
  public void onWebSocketPong(ByteBuffer payload) {
    lastHeardNanos = System.nanoTime();
    session.demand();
  }

  /** Sends a WebSocket ping; the client's pong shows it is still there. */
  void ping() {
    Session current = session;
    if (current != null && current.isOpen() && !closed) {
      current.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
    }
  }

  boolean isClosed() {
    return closed;
  }

  long lastHeardNanos() {
    return lastHeardNanos;
  }

  java.util.Set<String> rooms() {
    return rooms;
  }

  /** Queues a room message (a reply, an event, a presence change) for this client. */
  void sendRoomMessage(String text) {
    Outbound current = outbound;
    if (current != null) {
      current.send(text, null);
    }
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    callback.succeed();
    close(StatusCode.BAD_DATA, "binary messages are not part of the protocol; send JSON text");
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason) {
    log.atDebug().setMessage("connection ended").addKeyValue("client", clientId).addKeyValue("code", statusCode)
        .addKeyValue("reason", reason).log();
    if (statusCode == StatusCode.NORMAL) {
      parkOnEnd = false; // the client said goodbye: it will not resume
    }
    ended();
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    if (cause instanceof Error) {
      // Jetty catches what a listener method throws and ends the connection with it: an Error
      // thrown here, by this class or by Jetty reading for it, is the server's, not the client's.
      core.fatal().report(cause);
    }
    log.atDebug().setMessage("connection failed").addKeyValue("client", clientId)
        .addKeyValue("cause", cause.getClass().getSimpleName()).log();
    ended();
  }

  /** Once the connection is gone: nothing more is sent, subscriptions end, the server forgets it. */
  private void ended() {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    java.util.concurrent.ScheduledFuture<?> pending = expiry;
    if (pending != null) {
      pending.cancel(false);
    }
    try {
      shutdown();
    } finally {
      releasePartial();
      core.closed(this);
    }
  }

  /**
   * Stops sending, and parks the subscriptions for the client to resume, or ends them; the
   * connection stays known until it is gone.
   */
  private void shutdown() {
    List<ConnectionSubscription> open;
    synchronized (subscriptions) { // with register: a subscription is either in this list or never listed
      closed = true;
      open = List.copyOf(subscriptions.values());
      subscriptions.clear();
    }
    Outbound current = outbound;
    if (current != null) {
      current.close();
    }
    core.rooms().leaveAll(this);
    boolean park = parkOnEnd && mutationKey != null && core.parked().enabled();
    for (ConnectionSubscription subscription : open) {
      try {
        if (park) {
          core.parked().park(mutationKey, subscription);
        } else {
          subscription.end();
        }
      } catch (RuntimeException e) {
        log.error("ending a subscription of connection {} failed", clientId, e); // the others still end
      }
    }
  }

  /**
   * Lists {@code subscription} under its id; false if the id is taken. Atomic with shutdown's
   * taking of the list, so a subscription is either parked or ended by it, or never listed: once
   * the connection has ended, this throws (nobody hears the error).
   */
  private boolean register(ConnectionSubscription subscription) {
    synchronized (subscriptions) {
      if (closed) {
        throw new LiveException(ErrorCode.PROTOCOL_VIOLATION, "the connection has ended");
      }
      return subscriptions.putIfAbsent(subscription.id(), subscription) == null;
    }
  }

  /**
   * Closes the connection with a status code and a reason the client sees. If the client does not
   * complete the close, the server disconnects it a few seconds later.
   */
  void close(int code, String reason) {
    if (closeRequestedAt == 0) {
      closeRequestedAt = System.nanoTime();
    }
    Session current = session;
    boolean wasPaused;
    synchronized (this) {
      wasPaused = paused;
      paused = false;
    }
    if (current != null && current.isOpen()) {
      log.debug("closing connection {}: {} {}", clientId, code, reason);
      current.close(code, reason, Callback.NOOP);
      if (wasPaused) {
        current.demand(); // drain the input, see message()
      }
    }
    shutdown();
    releasePartial(); // what arrives from now on is read and dropped
  }

  /** Ends the connection at once, without a close handshake: for a client that stopped reading. */
  void disconnect() {
    Session current = session;
    if (current != null) {
      current.disconnect();
    }
    ended();
  }

  Outbound outbound() {
    return outbound;
  }

  String address() {
    return address;
  }

  /** Whether the connection limits counted this connection, which its end gives back. */
  boolean counted() {
    return counted;
  }

  /** Null until the connection opened. */
  MessageRateLimit rateLimit() {
    return rateLimit;
  }

  String clientId() {
    return clientId;
  }

  /** The key of this client's mutation records (null before hello). */
  String mutationKey() {
    return mutationKey;
  }

  AuthContext auth() {
    return auth;
  }

  /** What this client's subscriptions may keep for resuming. */
  ResumeBudget resumeBudget() {
    return resumeBudget;
  }

  long closeRequestedAt() {
    return closeRequestedAt;
  }

  /** Whether no request of this connection is queued or running. */
  boolean isIdle() {
    return requests.isIdle();
  }

  /** Runs {@code hook} once no request of this connection is queued or running. */
  void whenIdle(Runnable hook) {
    requests.whenIdle(hook);
  }

  int subscriptionCount() {
    return subscriptions.size();
  }

  void subscriptionEnded(ConnectionSubscription subscription) {
    subscriptions.remove(subscription.id(), subscription);
  }

  private void send(String text) {
    outbound.send(text, null);
  }

  /**
   * Answers a message over the rate limit with {@code RATE_LIMITED}, echoing its top-level {@code
   * id} if a skim of the message finds one; the message is not decoded or run.
   */
  private void refuse(String text, MessageRateLimit.Verdict verdict) {
    if (closed) {
      return;
    }
    if (core.reader().isSequenced(text)) {
      // A client's writes apply in its order, each at most once: refusing one and running the
      // next would let the next's seq pass it, and its retry would be taken for a duplicate. The
      // connection ends instead, nothing after it runs, and the client sends them again in order.
      log.atInfo().setMessage("closing a connection for a write over its rate limit").addKeyValue("client", clientId)
          .addKeyValue("user", auth.userId().orElse("-")).log();
      close(StatusCode.TRY_AGAIN_LATER, "rate limit: a write arrived over this connection's rate; reconnect and"
          + " send the writes not yet acknowledged again, more slowly");
      return;
    }
    ServerOptions options = core.options();
    String message = verdict == MessageRateLimit.Verdict.SHARED_LIMITED
        ? (auth.isAuthenticated()
            ? "this user's connections sent more than " + options.userMessagesPerSecond() + " messages per second"
                + " together (bursts up to " + options.userMessageBurst() + ")"
            : "the anonymous clients of your address sent more than " + options.addressMessagesPerSecond()
                + " messages per second together (bursts up to " + options.addressMessageBurst() + ")")
        : "this connection sent more than " + options.messagesPerSecond() + " messages per second (bursts up to "
            + options.messageBurst() + ")";
    send(ServerMessages.error(core.reader().requestIdOf(text), new LiveException(ErrorCode.RATE_LIMITED,
        message + "; this request was not run: send it again more slowly")));
  }

  /** Answers one request; the stage completes once it is answered (a mutation: once its group committed). */
  private CompletionStage<?> handle(String text) {
    if (closed) {
      return DONE;
    }
    ClientMessage message;
    try {
      message = core.reader().read(text);
    } catch (BadMessage bad) {
      send(ServerMessages.error(bad.requestId(), bad.error()));
      refused("message", bad.error());
      return DONE;
    }
    try {
      if (clientId == null && !(message instanceof ClientMessage.Hello)) {
        throw new LiveException(ErrorCode.PROTOCOL_VIOLATION, "the first message of a connection is hello");
      }
      if (message instanceof ClientMessage.Mutate mutate) {
        return core.service().mutateInGroup(auth, address, mutationKey, mutate.seq(), mutate.mutation())
            .thenAccept(outcome -> {
              LiveService.Outcome answered = remembered(mutate.seq(), outcome);
              send(ack(mutate, answered));
              if (answered instanceof LiveService.Outcome.Rejected rejected) {
                refused("mutation", rejected.error()); // after the ack: a strike may close the connection
              }
            })
            .exceptionally(failure -> {
              failed(message, failure);
              return null;
            });
      }
      dispatch(message);
    } catch (RuntimeException e) {
      failed(message, e);
    }
    return DONE;
  }

  private void failed(ClientMessage message, Throwable failure) {
    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof Error) {
      core.fatal().report(cause); // a stage caught it on the way (a committer's or a worker's)
    }
    LiveException error = cause instanceof LiveException e ? e
        : new LiveException(ErrorCode.STORAGE_FAILED, "the server failed to answer this request", cause);
    send(ServerMessages.error(Optional.of(message.id()), error));
    refused(message.getClass().getSimpleName(), error);
  }

  /**
   * Logs a request answered with {@code error} (a refusal at DEBUG, a failure of the server through
   * the {@link FailureLog}), and counts it as a strike when it may be the client's doing: a
   * connection whose requests keep failing is closed like one that keeps sending over its rate.
   */
  private void refused(String request, LiveException error) {
    if (FailureLog.isServerFailure(error)) {
      core.failures().failed(failures, "client " + clientId + " (user " + auth.userId().orElse("-") + ")", request,
          error);
    } else {
      log.atDebug().setMessage("request refused").addKeyValue("client", clientId).addKeyValue("request", request)
          .addKeyValue("code", error.code()).addKeyValue("appCode", error.appCode().orElse("-")).log();
    }
    if (!isClientsDoing(error)) {
      return;
    }
    MessageRateLimit limit = rateLimit;
    if (limit != null && limit.strike() && !closed) {
      log.atInfo().setMessage("closing a connection whose requests keep failing").addKeyValue("client", clientId)
          .addKeyValue("user", auth.userId().orElse("-")).log();
      close(StatusCode.POLICY_VIOLATION, "more than " + core.options().rateLimitStrikes() + " requests refused or"
          + " failed within " + MessageRateLimit.STRIKE_WINDOW.toSeconds() + " s");
    }
  }

  /**
   * Whether a request answered with {@code error} may have failed by the client's doing. A slow,
   * failing or stopped server or database, or a conflict with other writers, is not: those would
   * close every client at once when the database falters. A procedure that failed is, since a
   * client's input can make it throw over and over (values storage cannot hold are refused when
   * decoded, before they reach it). An application's refusal with its own code ({@code
   * LiveException.of("NO_CREDITS", ...)}) is not either: it is an answer the application gives
   * clients in normal use, and costs the server no more than a call that succeeds, which the rate
   * limit bounds already.
   */
  private static boolean isClientsDoing(LiveException error) {
    return error.appCode().isEmpty() && error.code() != ErrorCode.TIMEOUT && error.code() != ErrorCode.CONFLICT
        && error.code() != ErrorCode.SERVER_STOPPED && error.code() != ErrorCode.STORAGE_FAILED;
  }

  private void dispatch(ClientMessage message) {
    if (message instanceof ClientMessage.Hello hello) {
      hello(hello);
    } else if (message instanceof ClientMessage.Subscribe subscribe) {
      subscribe(subscribe);
    } else if (message instanceof ClientMessage.Unsubscribe unsubscribe) {
      unsubscribe(unsubscribe);
    } else if (message instanceof ClientMessage.Query query) {
      LiveService.Rows rows = core.service().query(auth, query.query());
      send(ServerMessages.rows(query.id(), rows.version(), rows.json()));
    } else if (message instanceof ClientMessage.Call call) {
      LiveService.Outcome outcome = core.service().call(auth, address, Optional.of(mutationKey), call.seq(),
          call.dispatcher(), call.call());
      if (call.seq().isPresent()) {
        outcome = remembered(call.seq().getAsLong(), outcome);
      }
      send(result(call, outcome));
      if (outcome instanceof LiveService.Outcome.Rejected rejected) {
        refused("call", rejected.error());
      }
    } else if (message instanceof ClientMessage.Ping ping) {
      send(ServerMessages.pong(ping.id()));
    } else if (message instanceof ClientMessage.Join join) {
      core.rooms().join(this, join);
    } else if (message instanceof ClientMessage.Leave leave) {
      core.rooms().leave(this, leave);
    } else if (message instanceof ClientMessage.Emit emit) {
      core.rooms().emit(this, emit);
    } else if (message instanceof ClientMessage.SetState setState) {
      core.rooms().setState(this, setState);
    } else if (message instanceof ClientMessage.SetPresence setPresence) {
      core.rooms().setPresence(this, setPresence);
    } else {
      throw new IllegalStateException("no handler for " + message.getClass().getSimpleName());
    }
  }

  private void hello(ClientMessage.Hello hello) {
    if (clientId != null) {
      throw new LiveException(ErrorCode.PROTOCOL_VIOLATION, "hello was already sent on this connection");
    }
    if (hello.protocol() != ServerMessages.PROTOCOL) {
      // Sent past the queue, which closing empties: nothing else was sent on this connection yet,
      // and Jetty sends the close frame after it.
      session.sendText(ServerMessages.error(Optional.of(hello.id()), new LiveException(ErrorCode.UNSUPPORTED_VERSION,
          "this server speaks protocol " + ServerMessages.PROTOCOL + ", not " + hello.protocol())), Callback.NOOP);
      close(StatusCode.PROTOCOL, "unsupported protocol version " + hello.protocol());
      return;
    }
    String id = hello.clientId().orElseGet(() -> UUID.randomUUID().toString());
    clientId = id;
    mutationKey = MutationKeys.of(auth, id);
    // A client resuming on a new connection: its old one must finish before this one starts, or
    // two connections could apply its mutations out of order.
    core.takeOver(id, this);
    log.atDebug().setMessage("connection opened").addKeyValue("client", id).addKeyValue("user", auth.userId().orElse("-"))
        .log();
    long lastMutation = core.service().store().lastMutation(mutationKey);
    ServerOptions options = core.options();
    // The tighter of this connection's limit and the shared one: its user's, or its address's.
    boolean user = auth.isAuthenticated();
    int perSecond = Math.min(options.messagesPerSecond(),
        user ? options.userMessagesPerSecond() : options.addressMessagesPerSecond());
    int burst = Math.min(options.messageBurst(), user ? options.userMessageBurst() : options.addressMessageBurst());
    send(ServerMessages.welcome(hello.id(), id, lastMutation, core.service().engine().position(), perSecond, burst,
        core.service().store().options().clientRetention()));
  }

  /**
   * Before a reset for a client that holds results at {@code from}: waits, within a bound, until
   * this node's engine has read that far. A client that moved from another node may hold versions
   * this one has not read yet (it hears of other nodes' commits a moment later), and a snapshot
   * older than what it held would take its rows back in time. Only for a version the database
   * really has: a client cannot make a worker wait with a made-up one.
   */
  private void catchUpTo(long from) {
    LiveEngine engine = core.service().engine();
    if (engine.position() >= from || from > core.service().store().changes().latestVersion()) {
      return;
    }
    if (!engine.awaitPosition(from, RESET_CATCH_UP)) {
      log.debug("a reset for version {} went out at {}: the engine had not read that far within {} ms", from,
          engine.position(), RESET_CATCH_UP.toMillis());
    }
  }

  private void subscribe(ClientMessage.Subscribe subscribe) {
    if (subscriptions.size() >= core.options().maxSubscriptions()) {
      throw new LiveException(ErrorCode.LIMIT_EXCEEDED, "a connection has at most "
          + core.options().maxSubscriptions() + " subscriptions open; close one first");
    }
    if (subscriptions.containsKey(subscribe.id())) {
      throw alreadyOpen(subscribe.id());
    }
    Object source = resumeSource(subscribe.source());
    boolean reset = false;
    if (subscribe.from().isPresent()) {
      if (resume(subscribe, source)) {
        return;
      }
      reset = true; // the client holds results this snapshot replaces
      catchUpTo(subscribe.from().getAsLong());
    }
    core.makeRoomForSubscription(); // after the resume: its parked subscription is counted already
    QuerySpec<?> query;
    Optional<String> procedureQuery = Optional.empty();
    if (subscribe.source() instanceof ClientMessage.ProcedureSource procedure) {
      query = core.service().procedureQuery(auth, address, procedure.dispatcher(), procedure.call());
      // The client did not send this query: its snapshots carry it, so that it knows what it follows.
      procedureQuery = Optional.of(QueryJson.encode(query));
    } else {
      query = ((ClientMessage.QuerySource) subscribe.source()).query();
    }
    ConnectionSubscription subscription = new ConnectionSubscription(this, subscribe.id(), source, procedureQuery,
        reset);
    if (!register(subscription)) {
      throw alreadyOpen(subscribe.id());
    }
    try {
      EngineSubscription engineSubscription = core.service().subscribe(auth, engineOwner(), query, subscription);
      subscription.attach(engineSubscription);
    } catch (RuntimeException e) {
      subscriptions.remove(subscribe.id(), subscription);
      throw e;
    }
    // The connection may have ended meanwhile: its shutdown parked or ended this subscription,
    // and attach closes the engine's side of an ended one.
  }

  /**
   * Takes over the subscription the client had under this id on its previous connection, if it
   * is still parked, is for the same source, and its log reaches back to the client's version.
   * A parked subscription that cannot be resumed is ended.
   */
  private boolean resume(ClientMessage.Subscribe subscribe, Object source) {
    Optional<ConnectionSubscription> parked = core.parked().take(mutationKey, subscribe.id());
    if (parked.isEmpty()) {
      return false;
    }
    ConnectionSubscription subscription = parked.get();
    boolean listed;
    try {
      listed = subscription.resumableBy(this, source) && register(subscription);
    } catch (LiveException ended) {
      core.parked().park(mutationKey, subscription); // this connection ended: wait for the next
      throw ended;
    }
    if (!listed) {
      subscription.end();
      return false;
    }
    if (!subscription.resume(this, subscribe.from().getAsLong())) {
      subscriptions.remove(subscribe.id(), subscription);
      subscription.end();
      return false;
    }
    return true; // if this connection ended meanwhile, its shutdown parked the subscription again
  }

  /** What a resume must match: the query, or the procedure and its input. */
  private static Object resumeSource(ClientMessage.Source source) {
    if (source instanceof ClientMessage.ProcedureSource procedure) {
      return java.util.Arrays.asList(procedure.call().procedure().name(), procedure.call().input());
    }
    return ((ClientMessage.QuerySource) source).query();
  }

  /** Who the engine counts this connection's subscriptions against: its user, or this anonymous client. */
  private String engineOwner() {
    return auth.userId().map(user -> "user " + user).orElse("client " + mutationKey);
  }

  private static LiveException alreadyOpen(String id) {
    return new LiveException(ErrorCode.PROTOCOL_VIOLATION, "subscription " + id
        + " is already open on this connection; use another id");
  }

  private void unsubscribe(ClientMessage.Unsubscribe unsubscribe) {
    ConnectionSubscription subscription = subscriptions.remove(unsubscribe.id());
    if (subscription == null) {
      throw new LiveException(ErrorCode.PROTOCOL_VIOLATION, "no subscription " + unsubscribe.id()
          + " is open on this connection");
    }
    subscription.end();
    send(ServerMessages.unsubscribed(unsubscribe.id()));
  }

  /**
   * A rejection is recorded for a client that may send the same {@code seq} again after losing
   * the reply; a duplicate of a rejected one gets that rejection rather than {@code duplicate}.
   */
  private LiveService.Outcome remembered(long seq, LiveService.Outcome outcome) {
    if (outcome instanceof LiveService.Outcome.Rejected rejected) {
      core.rejections().record(mutationKey, seq, rejected.error());
      return outcome;
    }
    if (outcome instanceof LiveService.Outcome.Applied) {
      core.rejections().forget(mutationKey, seq);
      return outcome;
    }
    if (outcome instanceof LiveService.Outcome.Duplicate) {
      Optional<LiveException> rejection = core.rejections().find(mutationKey, seq);
      if (rejection.isPresent()) {
        return new LiveService.Outcome.Rejected(rejection.get());
      }
    }
    return outcome;
  }

  private static String ack(ClientMessage.Mutate mutate, LiveService.Outcome outcome) {
    if (outcome instanceof LiveService.Outcome.Applied applied) {
      return ServerMessages.applied(mutate.id(), mutate.seq(), applied.version(), applied.json());
    }
    if (outcome instanceof LiveService.Outcome.Duplicate duplicate) {
      return ServerMessages.duplicate(mutate.id(), mutate.seq(), duplicate.lastMutation());
    }
    return ServerMessages.rejected(mutate.id(), mutate.seq(), ((LiveService.Outcome.Rejected) outcome).error());
  }

  private static String result(ClientMessage.Call call, LiveService.Outcome outcome) {
    if (outcome instanceof LiveService.Outcome.Applied applied) {
      return ServerMessages.result(call.id(), applied.json().orElse("null"), applied.version());
    }
    if (outcome instanceof LiveService.Outcome.Duplicate duplicate) {
      return ServerMessages.error(Optional.of(call.id()), new LiveException(ErrorCode.ALREADY_APPLIED,
          "this client's call with seq " + call.seq().getAsLong() + " was applied before (the last recorded"
              + " is " + duplicate.lastMutation() + "); it was not run again"));
    }
    return ServerMessages.error(Optional.of(call.id()), ((LiveService.Outcome.Rejected) outcome).error());
  }

  /** Once the queue is empty: stale subscriptions get their fresh snapshot. */
  private void drained() {
    resnapshotStale();
  }

  /** Asks the engine for a fresh snapshot of one stale subscription (the next, once it is sent). */
  void resnapshotStale() {
    for (ConnectionSubscription subscription : subscriptions.values()) {
      if (subscription.isStale() && subscription.engineSubscription() != null) {
        if (subscription.claimResnapshot()) {
          requests.execute(() -> core.service().engine().resnapshot(subscription.engineSubscription()));
        }
        return; // one at a time: the next goes once this one is sent
      }
    }
  }

  private void overflowed(long queuedChars) {
    log.info("closing connection {}: {} characters of replies wait for a client that does not read",
        clientId, queuedChars);
    // Not on this thread: it may be the engine's, delivering under its lock, and closing ends
    // this connection's subscriptions in the engine.
    core.workers().execute(() -> close(StatusCode.TRY_AGAIN_LATER, "slow consumer: more than "
        + core.options().maxQueuedBytes() + " bytes waiting to be sent"));
  }
}

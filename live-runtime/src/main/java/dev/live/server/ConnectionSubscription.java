package dev.live.server;

import dev.live.auth.AuthContext;
import dev.live.engine.EngineSubscription;
import dev.live.engine.SubscriptionListener;
import dev.live.error.LiveException;
import dev.live.server.protocol.ServerMessages;
import java.util.List;
import java.util.Optional;

/**
 * One subscription of one client: turns the engine's snapshots and deltas into messages on its
 * connection's outbound queue, under the subscription's id, and keeps the latest deltas in a
 * {@link ResumeLog}. When the queue overflows, it is marked stale: its deltas are dropped until
 * the connection asks the engine for a fresh snapshot, sent as a reset.
 *
 * <p>When its connection drops, the subscription is parked ({@link ParkedSubscriptions}): it
 * stays in the engine and keeps logging deltas, so that the client's next connection can resume
 * it from the last version the client holds.
 */
final class ConnectionSubscription implements SubscriptionListener, Outbound.Coalescible {
  private final String id;
  /** What the client subscribed to (a query, or a procedure with its input), to match a resume against. */
  private final Object source;
  private final AuthContext auth;
  /** For a live query procedure's subscription: the query it returned, in its wire form. */
  private final Optional<String> procedureQuery;
  private final ResumeLog log;
  /** The connection it sends on; null while parked. Guarded by this. */
  private Connection connection;
  private volatile EngineSubscription engineSubscription;
  private volatile boolean stale;
  private volatile boolean ended;
  private final java.util.concurrent.atomic.AtomicBoolean resnapshotPending = new java.util.concurrent.atomic.AtomicBoolean();
  private boolean snapshotSent;

  /**
   * @param reset whether the first snapshot replaces results the client already holds: a resume
   *     that could not be served from the log
   */
  ConnectionSubscription(Connection connection, String id, Object source, Optional<String> procedureQuery,
      boolean reset) {
    this.connection = connection;
    this.id = id;
    this.source = source;
    this.auth = connection.auth();
    this.procedureQuery = procedureQuery;
    this.log = new ResumeLog(connection.resumeBudget());
    this.snapshotSent = reset;
  }

  String id() {
    return id;
  }

  /**
   * The engine's side, known once subscribing returns: the engine has sent the snapshot by then,
   * so the connection may already have ended (and ended or parked this) in between.
   */
  void attach(EngineSubscription engineSubscription) {
    this.engineSubscription = engineSubscription;
    if (ended) {
      engineSubscription.close(); // ended before it was attached; closing twice does nothing
      return;
    }
    Connection current;
    synchronized (this) {
      current = connection;
    }
    if (stale && current != null) {
      // Its snapshot was dropped before the engine's side was known, so the connection's check
      // for stale subscriptions passed it over, and may not run again: ask it now.
      current.resnapshotStale();
    }
  }


  EngineSubscription engineSubscription() {
    return engineSubscription;
  }

  @Override
  public synchronized void snapshot(long version, String rows) {
    if (ended) {
      return; // ended before it was attached: nothing to send, and nothing to keep for a resume
    }
    // Called by the engine under its lock, so no delta can come between this and the next one.
    boolean reset = snapshotSent || stale;
    stale = false;
    resnapshotPending.set(false);
    snapshotSent = true;
    log.snapshot(version);
    if (connection != null) {
      connection.outbound().send(ServerMessages.snapshot(id, version, rows, reset, procedureQuery), this);
    }
  }

  @Override
  public synchronized void delta(long fromVersion, long toVersion, String changes) {
    if (ended) {
      return; // as in snapshot: a log charged now would never be given back
    }
    OutgoingText text = DeltaTexts.of(id, fromVersion, toVersion, changes);
    log.delta(fromVersion, toVersion, text);
    if (connection != null && !stale) {
      connection.outbound().send(text, this);
    }
  }

  @Override
  public void failed(LiveException error) {
    ended = true;
    Connection current;
    synchronized (this) {
      current = connection;
      log.clear();
    }
    if (current != null) {
      current.subscriptionEnded(this);
      current.outbound().send(ServerMessages.error(Optional.of(id), error), null);
    }
  }

  /** Its connection is gone: deltas are only logged from now on, until a resume or the end. */
  synchronized void park() {
    connection = null;
  }

  /**
   * Whether the client on {@code next} may take this subscription over: the same query or
   * procedure input, asked with the same credentials (read rules depend on them).
   */
  boolean resumableBy(Connection next, Object nextSource) {
    // A refreshed token (a new expiry) reads the same: it may resume.
    return !ended && auth.sameIdentityAs(next.auth()) && source.equals(nextSource);
  }

  /**
   * Moves the subscription to {@code next} and sends it what the client at {@code version} lacks:
   * {@code resumed}, then the logged deltas after {@code version}. False, with nothing sent, when
   * the log no longer reaches back to {@code version}.
   */
  synchronized boolean resume(Connection next, long version) {
    Optional<List<OutgoingText>> missing = log.since(version);
    if (missing.isEmpty() || ended) {
      return false;
    }
    connection = next;
    log.chargeTo(next.resumeBudget());
    stale = false;
    resnapshotPending.set(false);
    next.outbound().send(ServerMessages.resumed(id, version), null);
    for (OutgoingText text : missing.get()) {
      next.outbound().send(text, this);
    }
    return true;
  }

  /** Forgets the log: a client resuming from before now gets a fresh snapshot. */
  synchronized void forgetLog() {
    log.clear();
  }

  /** Ends the subscription in the engine and forgets its log. */
  void end() {
    ended = true;
    EngineSubscription current = engineSubscription;
    if (current != null) {
      current.close();
    }
    synchronized (this) {
      log.clear();
    }
  }

  /** True once per stale period: the caller asks the engine for the fresh snapshot. */
  boolean claimResnapshot() {
    return resnapshotPending.compareAndSet(false, true);
  }

  @Override
  public void markStale() {
    stale = true;
  }

  @Override
  public boolean isStale() {
    return stale;
  }
}

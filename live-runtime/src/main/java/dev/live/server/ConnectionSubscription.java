package dev.live.server;

import dev.live.engine.EngineSubscription;
import dev.live.engine.SubscriptionListener;
import dev.live.error.LiveException;
import dev.live.server.protocol.ServerMessages;
import java.util.Optional;

/**
 * One subscription of one connection: turns the engine's snapshots and deltas into messages on
 * the connection's outbound queue, under the subscription's id. When the queue overflows, it is
 * marked stale: its deltas are dropped until the connection asks the engine for a fresh snapshot,
 * sent as a reset.
 */
final class ConnectionSubscription implements SubscriptionListener, Outbound.Coalescible {
  private final Connection connection;
  private final String id;
  /** For a live query procedure's subscription: the query it returned, in its wire form. */
  private final Optional<String> procedureQuery;
  private volatile EngineSubscription engineSubscription;
  private volatile boolean stale;
  private final java.util.concurrent.atomic.AtomicBoolean resnapshotPending = new java.util.concurrent.atomic.AtomicBoolean();
  private boolean snapshotSent;

  ConnectionSubscription(Connection connection, String id, Optional<String> procedureQuery) {
    this.connection = connection;
    this.id = id;
    this.procedureQuery = procedureQuery;
  }

  String id() {
    return id;
  }

  void attach(EngineSubscription engineSubscription) {
    this.engineSubscription = engineSubscription;
  }

  EngineSubscription engineSubscription() {
    return engineSubscription;
  }

  @Override
  public void snapshot(long version, String rows) {
    // Called by the engine under its lock, so no delta can come between this and the next one.
    boolean reset = snapshotSent || stale;
    stale = false;
    resnapshotPending.set(false);
    snapshotSent = true;
    connection.outbound().send(ServerMessages.snapshot(id, version, rows, reset, procedureQuery), this);
  }

  @Override
  public void delta(long fromVersion, long toVersion, String changes) {
    if (stale) {
      return;
    }
    connection.outbound().send(DeltaTexts.of(id, fromVersion, toVersion, changes), this);
  }

  @Override
  public void failed(LiveException error) {
    connection.subscriptionEnded(this);
    connection.outbound().send(ServerMessages.error(Optional.of(id), error), null);
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

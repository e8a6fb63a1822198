package dev.live.engine;

/** One listener of a node, with the version its last message went up to. */
final class EngineSubscriptionImpl implements EngineSubscription {
  private final LiveEngine engine;
  final SubscriptionListener listener;
  QueryNode<?> node;
  /** Who the subscription counts against; null when unbounded. */
  Owner owner;
  long lastVersion;
  boolean closed;

  EngineSubscriptionImpl(LiveEngine engine, SubscriptionListener listener) {
    this.engine = engine;
    this.listener = listener;
  }

  @Override
  public void close() {
    engine.unsubscribe(this);
  }
}

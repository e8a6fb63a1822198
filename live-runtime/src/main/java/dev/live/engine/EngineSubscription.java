package dev.live.engine;

/** A live subscription to the engine; close it to stop its deltas. Closing twice does nothing. */
public interface EngineSubscription extends AutoCloseable {
  @Override
  void close();
}

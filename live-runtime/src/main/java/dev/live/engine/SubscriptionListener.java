package dev.live.engine;

import dev.live.error.LiveException;

/**
 * Receives one subscription's results. The engine calls it while it holds its lock, so that a
 * snapshot always comes before the deltas that follow it: implementations only hand the text
 * on (to a connection's outbound queue) and never block or call back into the engine.
 */
public interface SubscriptionListener {
  /**
   * The whole result: {@code rows} is a JSON array of result rows in order. Every change up to
   * {@code version} is in it (and possibly later ones, which following deltas confirm).
   */
  void snapshot(long version, String rows);

  /**
   * Changes to the result since the last snapshot or delta: {@code changes} is a JSON array of
   * {@code remove}, {@code insert} and {@code update} operations ({@code docs/protocol.md}), to be
   * applied in order; after them the result reflects every change up to {@code toVersion}.
   */
  void delta(long fromVersion, long toVersion, String changes);

  /** The subscription ended because its query could not be kept current; nothing follows. */
  void failed(LiveException error);
}

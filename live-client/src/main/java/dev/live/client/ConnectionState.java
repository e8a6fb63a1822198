package dev.live.client;

/** Where a {@link LiveClient}'s connection is; listen with {@link LiveClient#onStateChange}. */
public enum ConnectionState {
  /** The first connection is being opened. */
  CONNECTING,
  /** Connected, and the server said welcome: requests go out at once. */
  OPEN,
  /**
   * The connection dropped; the client tries again with backoff. Queries wait, mutations queue
   * (up to {@link ClientOptions#maxOfflineMutations()}), and results show what the client holds.
   */
  RECONNECTING,
  /** Closed by {@link LiveClient#close()}, or refused for good (an unsupported protocol). Final. */
  CLOSED
}

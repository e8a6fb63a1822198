package dev.live.benchmarks.server;

import dev.live.server.ServerOptions;

/**
 * Options for a server whose load comes from one machine: every load client connects from
 * 127.0.0.1, so the limits per remote address (1,000 connections, 300 anonymous messages per
 * second together) would measure the limits, not the server. A benchmark lifts them, and says so;
 * the per-connection limits it needs lifted it lifts itself.
 */
final class OneAddressLoad {
  private OneAddressLoad() {}

  /** {@code options} with the total and per-address connection limits and the address's rate lifted. */
  static ServerOptions.Builder lift(ServerOptions.Builder options) {
    return options.maxConnections(1_000_000).maxConnectionsPerAddress(1_000_000)
        .addressMessagesPerSecond(1_000_000_000).addressMessageBurst(1_000_000_000);
  }
}

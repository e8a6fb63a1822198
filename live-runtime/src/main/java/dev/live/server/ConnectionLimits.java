package dev.live.server;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The WebSocket connections open at once: in total, per remote address and per authenticated user
 * ({@link ServerOptions#maxConnections()} and the two per-key limits). An upgrade is {@linkplain
 * #check checked} before it opens, so that a client over a limit gets HTTP 503 and costs no
 * socket; the count itself is {@linkplain #open taken} when the connection opens and given back
 * when it ends, so an upgrade that never opens holds nothing. Two upgrades racing for the last
 * place both pass the check; the second is closed with 1013 when it opens.
 *
 * <p>The maps hold one entry per address or user with an open connection, so they are bounded
 * by the connections themselves.
 */
final class ConnectionLimits {
  private final int total;
  private final int perAddress;
  private final int perUser;
  private int open;
  private final Map<String, Integer> byAddress = new HashMap<>();
  private final Map<String, Integer> byUser = new HashMap<>();

  ConnectionLimits(ServerOptions options) {
    this.total = options.maxConnections();
    this.perAddress = options.maxConnectionsPerAddress();
    this.perUser = options.maxConnectionsPerUser();
  }

  /** Refuses an upgrade with {@code TOO_MANY_CONNECTIONS} if a connection from it would pass a limit. */
  synchronized void check(String address, Optional<String> user) {
    Optional<String> refusal = refusal(address, user);
    if (refusal.isPresent()) {
      throw new LiveException(ErrorCode.TOO_MANY_CONNECTIONS, refusal.get());
    }
  }

  /** Counts a connection that opened; the reason it may not stay open if it passes a limit. */
  synchronized Optional<String> open(String address, Optional<String> user) {
    Optional<String> refusal = refusal(address, user);
    if (refusal.isEmpty()) {
      open++;
      byAddress.merge(address, 1, Integer::sum);
      user.ifPresent(id -> byUser.merge(id, 1, Integer::sum));
    }
    return refusal;
  }

  /** Gives back the count of a connection {@link #open} accepted. */
  synchronized void closed(String address, Optional<String> user) {
    open--;
    byAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    user.ifPresent(id -> byUser.computeIfPresent(id, (key, count) -> count == 1 ? null : count - 1));
  }

  private Optional<String> refusal(String address, Optional<String> user) {
    if (open >= total) {
      return Optional.of("the server has " + total + " connections open, as many as it allows; try again later");
    }
    if (byAddress.getOrDefault(address, 0) >= perAddress) {
      return Optional.of("your address has " + perAddress + " connections open, as many as the server allows"
          + " from one address; close one first");
    }
    if (user.isPresent() && byUser.getOrDefault(user.get(), 0) >= perUser) {
      return Optional.of("this user has " + perUser + " connections open, as many as the server allows; close"
          + " one first");
    }
    return Optional.empty();
  }

  synchronized int open() {
    return open;
  }

  /** Addresses and users with a connection open: the maps' sizes, for tests of their bounds. */
  synchronized int keys() {
    return byAddress.size() + byUser.size();
  }
}

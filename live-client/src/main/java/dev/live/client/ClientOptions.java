package dev.live.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * How a {@link LiveClient} connects and behaves, each setting with a documented default ({@code
 * docs/client.md}).
 *
 * <pre>{@code
 * ClientOptions options = ClientOptions.builder()
 *     .header("Authorization", () -> "Bearer " + tokens.current())
 *     .outboxFile(Path.of("./live-outbox.json"))
 *     .build();
 * }</pre>
 *
 * @param headers HTTP headers sent with every connection attempt (credentials for the server's
 *     {@code authenticate}); each value is asked for again on every attempt, so a refreshed token
 *     is used on the next reconnect (none)
 * @param clientId the client's identity, the key of its mutation sequence numbers; kept across
 *     reconnects, and across restarts when it is given here or an outbox file holds it (a random
 *     one)
 * @param listenerExecutor where listeners run; results of one subscription are delivered one at
 *     a time and in order, whatever the executor (a thread of the client's own)
 * @param connectTimeout how long one connection attempt may take (10 s)
 * @param heartbeatInterval how often the client pings an otherwise silent connection (15 s)
 * @param heartbeatTimeout how long after a ping without any message the connection counts as
 *     dead and is dropped and opened again (10 s)
 * @param initialBackoff the delay before the first reconnect attempt; it doubles on each failed
 *     attempt (with several nodes, on each round in which every node failed), with jitter (250 ms)
 * @param maxBackoff the longest delay between reconnect attempts (15 s)
 * @param maxOfflineMutations mutations waiting for the server (unsent or unacknowledged) at
 *     most; beyond it a mutation fails at once with {@code OFFLINE_QUEUE_FULL} (10,000)
 * @param outboxFile where waiting mutations and the client id are kept, so that they survive a
 *     restart of the client (none: they live in memory)
 * @param shuffleNodes whether a client given several nodes ({@link LiveClient#connect(java.util.List,
 *     dev.live.schema.LiveSchema, ClientOptions)}) tries them in an order of its own, drawn at random,
 *     so that clients spread over the nodes; off, it tries them as listed, the first one first
 *     (on)
 */
public record ClientOptions(
    Map<String, Supplier<String>> headers,
    Optional<String> clientId,
    Optional<Executor> listenerExecutor,
    Duration connectTimeout,
    Duration heartbeatInterval,
    Duration heartbeatTimeout,
    Duration initialBackoff,
    Duration maxBackoff,
    int maxOfflineMutations,
    Optional<Path> outboxFile,
    boolean shuffleNodes) {

  public ClientOptions {
    headers = Map.copyOf(headers);
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(listenerExecutor, "listenerExecutor");
    Objects.requireNonNull(outboxFile, "outboxFile");
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("heartbeatInterval", heartbeatInterval);
    requirePositive("heartbeatTimeout", heartbeatTimeout);
    requirePositive("initialBackoff", initialBackoff);
    requirePositive("maxBackoff", maxBackoff);
    if (maxOfflineMutations < 1) {
      throw new IllegalArgumentException("maxOfflineMutations must be at least 1, not " + maxOfflineMutations);
    }
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, not " + value);
    }
  }

  public static ClientOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects options; anything not set keeps its default. */
  public static final class Builder {
    private final Map<String, Supplier<String>> headers = new LinkedHashMap<>();
    private Optional<String> clientId = Optional.empty();
    private Optional<Executor> listenerExecutor = Optional.empty();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration heartbeatInterval = Duration.ofSeconds(15);
    private Duration heartbeatTimeout = Duration.ofSeconds(10);
    private Duration initialBackoff = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(15);
    private int maxOfflineMutations = 10_000;
    private Optional<Path> outboxFile = Optional.empty();
    private boolean shuffleNodes = true;

    private Builder() {}

    /** A header with a fixed value. */
    public Builder header(String name, String value) {
      Objects.requireNonNull(value, "value");
      return header(name, () -> value);
    }

    /** A header whose value is asked for on every connection attempt (a token that is refreshed). */
    public Builder header(String name, Supplier<String> value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder clientId(String clientId) {
      this.clientId = Optional.of(clientId);
      return this;
    }

    public Builder listenerExecutor(Executor executor) {
      this.listenerExecutor = Optional.of(executor);
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder heartbeat(Duration interval, Duration timeout) {
      this.heartbeatInterval = interval;
      this.heartbeatTimeout = timeout;
      return this;
    }

    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    public Builder maxOfflineMutations(int maxOfflineMutations) {
      this.maxOfflineMutations = maxOfflineMutations;
      return this;
    }

    public Builder outboxFile(Path file) {
      this.outboxFile = Optional.of(file);
      return this;
    }

    /**
     * Off: a client given several nodes tries them in the order listed (a preferred node first, the
     * others as fallbacks) rather than in an order drawn at random.
     */
    public Builder shuffleNodes(boolean shuffleNodes) {
      this.shuffleNodes = shuffleNodes;
      return this;
    }

    public ClientOptions build() {
      return new ClientOptions(headers, clientId, listenerExecutor, connectTimeout, heartbeatInterval,
          heartbeatTimeout, initialBackoff, maxBackoff, maxOfflineMutations, outboxFile, shuffleNodes);
    }
  }
}

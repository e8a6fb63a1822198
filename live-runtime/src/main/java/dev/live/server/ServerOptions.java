package dev.live.server;

import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.live.query.QueryLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * The server's limits and settings, each with a documented default ({@code
 * docs/configuration.md}). Every limit protects the server from one client: exceeding it gives
 * that client a typed error or closes its connection with a reason, and never affects others.
 *
 * <pre>{@code
 * ServerOptions options = ServerOptions.builder().maxMessageBytes(256 * 1024).build();
 * }</pre>
 *
 * @param path where the WebSocket endpoint is, and under which the HTTP routes are ({@code /live})
 * @param maxMessageBytes the largest message a client may send; a larger one closes the
 *     connection with 1009 (message too big) (1 MiB)
 * @param maxJsonDepth how deep objects and arrays may nest in a message (64)
 * @param maxStringLength the longest string value in a message, in characters (1,000,000)
 * @param queryLimits bounds on one query (see {@link QueryLimits}; its defaults)
 * @param maxSubscriptions subscriptions open at once on one connection (1,000)
 * @param maxRequestsInFlight requests of one connection received but not yet answered; the
 *     server stops reading from the connection until one is answered (64)
 * @param maxQueuedBytes text waiting to be sent to one connection; beyond it, deltas waiting for
 *     a subscription are dropped and replaced by a fresh snapshot once the client catches up,
 *     and if replies alone exceed it, the connection is closed with 1013 (8 MiB)
 * @param writeTimeout how long one send may wait for a client to read before the connection is
 *     closed (30 s)
 * @param idleTimeout how long a connection may be silent before it is closed; clients ping more
 *     often than this (2 min)
 * @param allowAnonymous whether clients the authenticator calls anonymous may connect (true)
 * @param workerThreads threads running requests, which block on storage (2 × processors, at least 4)
 * @param resumeRetention how long the subscriptions of a client whose connection dropped are kept
 *     for it to resume them with the deltas it missed; zero turns resuming off, and every resume
 *     gets a reset snapshot (1 min)
 * @param resumeBufferBytes characters of delta text kept per client for resuming, across its
 *     subscriptions; beyond it the oldest deltas are forgotten, and a client resuming from before
 *     them gets a reset snapshot (1 MiB)
 */
public record ServerOptions(
    String path,
    int maxMessageBytes,
    int maxJsonDepth,
    int maxStringLength,
    QueryLimits queryLimits,
    int maxSubscriptions,
    int maxRequestsInFlight,
    long maxQueuedBytes,
    Duration writeTimeout,
    Duration idleTimeout,
    boolean allowAnonymous,
    int workerThreads,
    Duration resumeRetention,
    long resumeBufferBytes) {

  public ServerOptions {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(queryLimits, "queryLimits");
    Objects.requireNonNull(writeTimeout, "writeTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(resumeRetention, "resumeRetention");
    if (resumeRetention.isNegative()) {
      throw new IllegalArgumentException("resumeRetention is zero (no resuming) or positive, not " + resumeRetention);
    }
    requirePositive("resumeBufferBytes", resumeBufferBytes);
    if (!path.startsWith("/") || path.endsWith("/") || path.contains("*")) {
      throw new IllegalArgumentException("path starts with / and does not end with one, like /live; not " + path);
    }
    requirePositive("maxMessageBytes", maxMessageBytes);
    requirePositive("maxJsonDepth", maxJsonDepth);
    requirePositive("maxStringLength", maxStringLength);
    requirePositive("maxSubscriptions", maxSubscriptions);
    requirePositive("maxRequestsInFlight", maxRequestsInFlight);
    requirePositive("maxQueuedBytes", maxQueuedBytes);
    requirePositive("workerThreads", workerThreads);
    if (writeTimeout.isNegative() || writeTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts are positive");
    }
  }

  private static void requirePositive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, not " + value);
    }
  }

  public static ServerOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The read constraints every message is parsed under. */
  StreamReadConstraints readConstraints() {
    return StreamReadConstraints.builder()
        .maxNestingDepth(maxJsonDepth)
        .maxStringLength(maxStringLength)
        .maxDocumentLength(maxMessageBytes)
        .build();
  }

  /** Collects options; anything not set keeps its default. */
  public static final class Builder {
    private String path = "/live";
    private int maxMessageBytes = 1024 * 1024;
    private int maxJsonDepth = 64;
    private int maxStringLength = 1_000_000;
    private QueryLimits queryLimits = QueryLimits.DEFAULT;
    private int maxSubscriptions = 1_000;
    private int maxRequestsInFlight = 64;
    private long maxQueuedBytes = 8L * 1024 * 1024;
    private Duration writeTimeout = Duration.ofSeconds(30);
    private Duration idleTimeout = Duration.ofMinutes(2);
    private boolean allowAnonymous = true;
    private int workerThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private Duration resumeRetention = Duration.ofMinutes(1);
    private long resumeBufferBytes = 1024 * 1024;

    private Builder() {}

    public Builder path(String path) {
      this.path = path;
      return this;
    }

    public Builder maxMessageBytes(int maxMessageBytes) {
      this.maxMessageBytes = maxMessageBytes;
      return this;
    }

    public Builder maxJsonDepth(int maxJsonDepth) {
      this.maxJsonDepth = maxJsonDepth;
      return this;
    }

    public Builder maxStringLength(int maxStringLength) {
      this.maxStringLength = maxStringLength;
      return this;
    }

    public Builder queryLimits(QueryLimits queryLimits) {
      this.queryLimits = queryLimits;
      return this;
    }

    public Builder maxSubscriptions(int maxSubscriptions) {
      this.maxSubscriptions = maxSubscriptions;
      return this;
    }

    public Builder maxRequestsInFlight(int maxRequestsInFlight) {
      this.maxRequestsInFlight = maxRequestsInFlight;
      return this;
    }

    public Builder maxQueuedBytes(long maxQueuedBytes) {
      this.maxQueuedBytes = maxQueuedBytes;
      return this;
    }

    public Builder writeTimeout(Duration writeTimeout) {
      this.writeTimeout = writeTimeout;
      return this;
    }

    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
      return this;
    }

    public Builder allowAnonymous(boolean allowAnonymous) {
      this.allowAnonymous = allowAnonymous;
      return this;
    }

    public Builder workerThreads(int workerThreads) {
      this.workerThreads = workerThreads;
      return this;
    }

    public Builder resumeRetention(Duration resumeRetention) {
      this.resumeRetention = resumeRetention;
      return this;
    }

    public Builder resumeBufferBytes(long resumeBufferBytes) {
      this.resumeBufferBytes = resumeBufferBytes;
      return this;
    }

    public ServerOptions build() {
      return new ServerOptions(path, maxMessageBytes, maxJsonDepth, maxStringLength, queryLimits,
          maxSubscriptions, maxRequestsInFlight, maxQueuedBytes, writeTimeout, idleTimeout, allowAnonymous,
          workerThreads, resumeRetention, resumeBufferBytes);
    }
  }
}

package dev.live.server;

import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.live.query.QueryLimits;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

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
 * @param allowedOrigins the origins ({@code scheme://host[:port]}, as browsers send them) that may
 *     open a WebSocket, compared exactly; an upgrade without an {@code Origin} header or with
 *     another one is refused with 403 {@code ORIGIN_NOT_ALLOWED}. Empty checks nothing (the
 *     default); a server that browsers reach should list its pages' origins, or any web page a
 *     signed-in user visits can connect with the user's cookies
 * @param messagesPerSecond messages one connection may send per second on average; a message over
 *     the rate is refused with {@code RATE_LIMITED} and not run (100)
 * @param messageBurst messages one connection may send at once, above its rate, after a quiet
 *     spell (200)
 * @param userMessagesPerSecond messages all connections of one authenticated user may send per
 *     second together; anonymous clients have only their connection's limit (300)
 * @param userMessageBurst messages all connections of one user may send at once (600)
 * @param rateLimitStrikes refused messages a connection may have within 10 s; one more closes it
 *     with 1008 (policy violation) (50; at most 10,000)
 * @param maxSubscriptionsPerUser subscriptions open at once for one user across all their
 *     connections, those kept for resuming included; anonymous clients are counted per client
 *     (2,000)
 * @param maxQueriesPerUser different queries one user's subscriptions may follow at once (1,000);
 *     subscriptions to a query other users follow too count, but subscribing twice to one does
 *     not count twice
 * @param engineTimePerUser live query engine time one user's queries may take per second (100 ms);
 *     beyond it their deltas are held back and sent, coalesced, when the user has time again,
 *     and subscribing to a query nobody follows yet is refused with {@code RATE_LIMITED}
 * @param compression whether connections may use WebSocket compression (permessage-deflate), which
 *     browsers ask for: JSON shrinks to a fraction on slow networks, for a compressor's memory
 *     (tens of KiB) and CPU per connection (true)
 * @param fatalErrorPolicy what the server does after a fatal error (an {@code Error} such as
 *     {@code OutOfMemoryError} on one of its threads, or an exception that ended its change tail
 *     or its engine's reader): health goes red,
 *     connections close with 1011, and then the process exits with status 70 ({@link
 *     FatalErrorPolicy#exitProcess()}, the default) or the server stops and the JVM runs on
 *     ({@link FatalErrorPolicy#stopServer(java.util.function.Consumer)})
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
    long resumeBufferBytes,
    Set<String> allowedOrigins,
    int messagesPerSecond,
    int messageBurst,
    int userMessagesPerSecond,
    int userMessageBurst,
    int rateLimitStrikes,
    int maxSubscriptionsPerUser,
    int maxQueriesPerUser,
    Duration engineTimePerUser,
    boolean compression,
    FatalErrorPolicy fatalErrorPolicy) {
  /** The most refusals within 10 s that {@code rateLimitStrikes} may tolerate. */
  private static final int MAX_RATE_LIMIT_STRIKES = 10_000;

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
    Objects.requireNonNull(allowedOrigins, "allowedOrigins");
    allowedOrigins.forEach(OriginCheck::requireValid); // before copying: Set.copyOf's null message names no option
    allowedOrigins = Set.copyOf(allowedOrigins);
    requireRate("messagesPerSecond", messagesPerSecond);
    requirePositive("messageBurst", messageBurst);
    requireRate("userMessagesPerSecond", userMessagesPerSecond);
    requirePositive("userMessageBurst", userMessageBurst);
    Objects.requireNonNull(engineTimePerUser, "engineTimePerUser");
    requirePositive("maxSubscriptionsPerUser", maxSubscriptionsPerUser);
    requirePositive("maxQueriesPerUser", maxQueriesPerUser);
    if (engineTimePerUser.toMillis() < 1 || engineTimePerUser.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new IllegalArgumentException("engineTimePerUser is from 1 ms to 1 s (of engine time per second), not "
          + engineTimePerUser);
    }
    if (rateLimitStrikes < 1 || rateLimitStrikes > MAX_RATE_LIMIT_STRIKES) {
      // The server keeps the times of the last rateLimitStrikes refusals of a connection it refuses.
      throw new IllegalArgumentException("rateLimitStrikes is from 1 to " + MAX_RATE_LIMIT_STRIKES + ", not "
          + rateLimitStrikes);
    }
    Objects.requireNonNull(fatalErrorPolicy, "fatalErrorPolicy");
  }

  private static void requireRate(String name, int perSecond) {
    if (perSecond < 1 || perSecond > 1_000_000_000) {
      throw new IllegalArgumentException(name + " is from 1 to 1,000,000,000 messages per second, not " + perSecond);
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

  /** The engine's bounds per user. */
  dev.live.engine.EngineOptions engineOptions() {
    return dev.live.engine.EngineOptions.builder().maxSubscriptionsPerOwner(maxSubscriptionsPerUser)
        .maxQueriesPerOwner(maxQueriesPerUser).workPerOwner(engineTimePerUser).build();
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
    private boolean compression = true;
    private boolean allowAnonymous = true;
    private int workerThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private Duration resumeRetention = Duration.ofMinutes(1);
    private long resumeBufferBytes = 1024 * 1024;
    private Set<String> allowedOrigins = Set.of();
    private int messagesPerSecond = 100;
    private int messageBurst = 200;
    private int userMessagesPerSecond = 300;
    private int userMessageBurst = 600;
    private int rateLimitStrikes = 50;
    private int maxSubscriptionsPerUser = 2_000;
    private int maxQueriesPerUser = 1_000;
    private Duration engineTimePerUser = Duration.ofMillis(100);
    private FatalErrorPolicy fatalErrorPolicy = FatalErrorPolicy.exitProcess();

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

    /**
     * The origins that may open a WebSocket, such as {@code "https://app.example.com"}; none (no
     * check) by default. Set it on every server that browsers reach.
     */
    public Builder allowedOrigins(Set<String> allowedOrigins) {
      this.allowedOrigins = allowedOrigins;
      return this;
    }

    /** {@link #allowedOrigins(Set)} from a list: {@code .allowedOrigins("https://app.example.com")}. */
    public Builder allowedOrigins(String... allowedOrigins) {
      // Not Set.of: it throws on a repeated origin, which is harmless here.
      this.allowedOrigins = new LinkedHashSet<>(Arrays.asList(allowedOrigins));
      return this;
    }

    /** Messages one connection may send per second on average (100). */
    public Builder messagesPerSecond(int messagesPerSecond) {
      this.messagesPerSecond = messagesPerSecond;
      return this;
    }

    /** Messages one connection may send at once after a quiet spell (200). */
    public Builder messageBurst(int messageBurst) {
      this.messageBurst = messageBurst;
      return this;
    }

    /** Messages all connections of one authenticated user may send per second together (300). */
    public Builder userMessagesPerSecond(int userMessagesPerSecond) {
      this.userMessagesPerSecond = userMessagesPerSecond;
      return this;
    }

    /** Messages all connections of one authenticated user may send at once (600). */
    public Builder userMessageBurst(int userMessageBurst) {
      this.userMessageBurst = userMessageBurst;
      return this;
    }

    /** Refused messages a connection may have within 10 s before it is closed with 1008 (50). */
    public Builder rateLimitStrikes(int rateLimitStrikes) {
      this.rateLimitStrikes = rateLimitStrikes;
      return this;
    }

    /** Subscriptions one user may have open across connections, resumable ones included (2,000). */
    public Builder maxSubscriptionsPerUser(int maxSubscriptionsPerUser) {
      this.maxSubscriptionsPerUser = maxSubscriptionsPerUser;
      return this;
    }

    /** Different queries one user's subscriptions may follow at once (1,000). */
    public Builder maxQueriesPerUser(int maxQueriesPerUser) {
      this.maxQueriesPerUser = maxQueriesPerUser;
      return this;
    }

    /** Live query engine time one user's queries may take per second (100 ms). */
    public Builder engineTimePerUser(Duration engineTimePerUser) {
      this.engineTimePerUser = engineTimePerUser;
      return this;
    }

    /** Whether connections may use WebSocket compression (permessage-deflate) when clients ask (true). */
    public Builder compression(boolean compression) {
      this.compression = compression;
      return this;
    }

    /**
     * What the server does after a fatal error: {@link FatalErrorPolicy#exitProcess()} (the
     * default, for a supervisor to restart it) or {@link FatalErrorPolicy#stopServer(
     * java.util.function.Consumer)} (for an application embedding {@link LiveHandler}, and tests).
     */
    public Builder fatalErrorPolicy(FatalErrorPolicy fatalErrorPolicy) {
      this.fatalErrorPolicy = fatalErrorPolicy;
      return this;
    }

    public ServerOptions build() {
      return new ServerOptions(path, maxMessageBytes, maxJsonDepth, maxStringLength, queryLimits,
          maxSubscriptions, maxRequestsInFlight, maxQueuedBytes, writeTimeout, idleTimeout, allowAnonymous,
          workerThreads, resumeRetention, resumeBufferBytes, allowedOrigins, messagesPerSecond, messageBurst,
          userMessagesPerSecond, userMessageBurst, rateLimitStrikes, maxSubscriptionsPerUser, maxQueriesPerUser,
          engineTimePerUser, compression, fatalErrorPolicy);
    }
  }
}

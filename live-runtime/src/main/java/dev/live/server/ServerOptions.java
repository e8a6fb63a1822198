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
 * @param rateLimitStrikes strikes a connection may have within 10 s: messages refused for the rate,
 *     and requests answered with an error the client may have caused (every error but {@code
 *     TIMEOUT}, {@code CONFLICT}, {@code STORAGE_FAILED}, {@code SERVER_STOPPED} and an
 *     application's refusal with its own code, {@code LiveException.of}); one more closes it with
 *     1008 (policy violation) (50; at most 10,000)
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
 * @param maxConnections WebSocket connections open at once on this server; an upgrade beyond it is
 *     refused with HTTP 503 {@code TOO_MANY_CONNECTIONS} before it opens (one per 192 KiB of the
 *     maximum heap, from 1,000 to 20,000: 1,365 at {@code -Xmx256m}, 10,922 at {@code -Xmx2g}).
 *     An idle connection takes 10 to 25 KiB; the rest of its share leaves room for what it does. HTTP requests, {@code
 *     /live/health} among them, are still answered at the limit
 * @param maxConnectionsPerAddress WebSocket connections open at once from one remote address
 *     ({@link #clientAddressHeader}) (1,000: offices and mobile carriers put many users behind one)
 * @param maxConnectionsPerUser WebSocket connections open at once for one authenticated user (100)
 * @param clientAddressHeader the request header that carries the client's address when the server
 *     is behind a reverse proxy, such as {@code X-Forwarded-For}: its last (rightmost) address is
 *     taken, the one the proxy appended. Empty (the default) uses the socket's remote address; set
 *     it only behind a proxy that sets the header, or clients can claim any address
 * @param addressMessagesPerSecond messages and HTTP requests all anonymous clients of one remote
 *     address may send per second together (300); authenticated users share their user's limit
 *     instead, over WebSocket and HTTP alike
 * @param addressMessageBurst messages and HTTP requests the anonymous clients of one address may
 *     send at once (600)
 * @param maxSubscriptionsTotal subscriptions open at once on the server, those kept for resuming
 *     included; at the limit the oldest kept for resuming are ended first, then a subscribe is
 *     refused with {@code LIMIT_EXCEEDED} (one per 32 KiB of the maximum heap, at least 1,000:
 *     8,192 at {@code -Xmx256m})
 * @param clientBufferBytes characters the server may hold for all clients together: requests
 *     received and not yet answered, replies and deltas waiting to be sent, and deltas kept for
 *     resuming. Resume logs keep nothing new once the buffers are half full, which leaves the other half to
 *     connected clients. Beyond it, the resume logs of subscriptions kept for dropped clients go
 *     first (oldest first), deltas waiting for a subscription are replaced by a fresh snapshot once
 *     its client catches up, and connections stop reading until it falls (an eighth of the maximum
 *     heap: a character takes one or two bytes of heap, so the buffers take at most a quarter)
 * @param requestHeaderTimeout how long an HTTP request, a WebSocket upgrade included, may take to
 *     send its headers before its connection is closed (10 s); only on the server's own Jetty
 *     ({@link LiveServer})
 * @param minRequestDataRate bytes per second an HTTP request body must arrive at, on average, or
 *     the request fails with 408 (1,024)
 * @param maxHeldRows rows the live queries of all clients may hold together (their results); once
 *     they hold as many, a subscription to a query nobody follows yet is refused with {@code
 *     LIMIT_EXCEEDED}, while subscriptions to followed queries go on (one per 8 KiB of the maximum
 *     heap: 32,768 at {@code -Xmx256m}): without it, a client could make the server hold a table's
 *     rows once for every query it invents
 * @param fatalErrorPolicy what the server does after a fatal error (an {@code Error} such as
 *     {@code OutOfMemoryError} on one of its threads, or an exception that ended its change tail
 *     or its engine's reader): health goes red, connections close with 1011, and then the process
 *     exits with status 70 ({@link FatalErrorPolicy#exitProcess()}, the default) or the server
 *     stops and the JVM runs on ({@link FatalErrorPolicy#stopServer(java.util.function.Consumer)})
 * @param nodeId this server's name among the nodes of one database ({@code /live/health} and
 *     {@code /live/stats} show it with the other live nodes): 1 to 64 letters, digits and {@code
 *     . _ : -}, unique among the running nodes (by default the host's name and 6 random hex
 *     digits, new at every start)
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
    int maxConnections,
    int maxConnectionsPerAddress,
    int maxConnectionsPerUser,
    String clientAddressHeader,
    int addressMessagesPerSecond,
    int addressMessageBurst,
    int maxSubscriptionsTotal,
    long clientBufferBytes,
    Duration requestHeaderTimeout,
    long minRequestDataRate,
    long maxHeldRows,
    FatalErrorPolicy fatalErrorPolicy,
    String nodeId) {
  private static final java.util.regex.Pattern NODE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** Bytes of maximum heap per subscription the default {@code maxSubscriptionsTotal} allows. */
  static final long SUBSCRIPTION_HEAP_SHARE = 32 * 1024;
  /** Bytes of maximum heap per connection the default {@code maxConnections} allows. */
  static final long CONNECTION_HEAP_SHARE = 192 * 1024;
  /** Bytes of maximum heap per row the default {@code maxHeldRows} allows. */
  static final long HELD_ROW_HEAP_SHARE = 8 * 1024;

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
    requirePositive("maxConnections", maxConnections);
    requirePositive("maxConnectionsPerAddress", maxConnectionsPerAddress);
    requirePositive("maxConnectionsPerUser", maxConnectionsPerUser);
    Objects.requireNonNull(clientAddressHeader, "clientAddressHeader");
    if (!clientAddressHeader.isEmpty() && !clientAddressHeader.matches("[A-Za-z0-9-]{1,64}")) {
      throw new IllegalArgumentException("clientAddressHeader is a header name such as X-Forwarded-For (letters,"
          + " digits and -), or empty for the socket's address; not '" + clientAddressHeader + "'");
    }
    requireRate("addressMessagesPerSecond", addressMessagesPerSecond);
    requirePositive("addressMessageBurst", addressMessageBurst);
    requirePositive("maxSubscriptionsTotal", maxSubscriptionsTotal);
    if (clientBufferBytes < maxMessageBytes) {
      throw new IllegalArgumentException("clientBufferBytes (" + clientBufferBytes + ") holds at least one message of"
          + " maxMessageBytes (" + maxMessageBytes + ")");
    }
    Objects.requireNonNull(requestHeaderTimeout, "requestHeaderTimeout");
    if (requestHeaderTimeout.toMillis() < 100) {
      throw new IllegalArgumentException("requestHeaderTimeout is at least 100 ms, not " + requestHeaderTimeout);
    }
    requirePositive("minRequestDataRate", minRequestDataRate);
    if (rateLimitStrikes < 1 || rateLimitStrikes > MAX_RATE_LIMIT_STRIKES) {
      // The server keeps the times of the last rateLimitStrikes refusals of a connection it refuses.
      throw new IllegalArgumentException("rateLimitStrikes is from 1 to " + MAX_RATE_LIMIT_STRIKES + ", not "
          + rateLimitStrikes);
    }
    requirePositive("maxHeldRows", maxHeldRows);
    Objects.requireNonNull(fatalErrorPolicy, "fatalErrorPolicy");
    if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
      throw new IllegalArgumentException("a node id is 1 to 64 letters, digits and . _ : -, not " + nodeId);
    }
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
        .maxQueriesPerOwner(maxQueriesPerUser).workPerOwner(engineTimePerUser).maxHeldRows(maxHeldRows).build();
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
    private int maxConnections = (int) Math.max(1_000, Math.min(20_000,
        Runtime.getRuntime().maxMemory() / CONNECTION_HEAP_SHARE));
    private int maxConnectionsPerAddress = 1_000;
    private int maxConnectionsPerUser = 100;
    private String clientAddressHeader = "";
    private int addressMessagesPerSecond = 300;
    private int addressMessageBurst = 600;
    private int maxSubscriptionsTotal = (int) Math.min(Integer.MAX_VALUE, Math.max(1_000,
        Runtime.getRuntime().maxMemory() / SUBSCRIPTION_HEAP_SHARE));
    // Counted in characters, which take two bytes each in a string holding any beyond Latin-1.
    private long clientBufferBytes = Math.max(16L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 8);
    private Duration requestHeaderTimeout = Duration.ofSeconds(10);
    private long minRequestDataRate = 1_024;
    private long maxHeldRows = Math.max(10_000, Runtime.getRuntime().maxMemory() / HELD_ROW_HEAP_SHARE);
    private FatalErrorPolicy fatalErrorPolicy = FatalErrorPolicy.exitProcess();
    private String nodeId = NodeNames.generated();

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

    /** Strikes (refused or failed requests) a connection may have within 10 s before it is closed with 1008 (50). */
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

    /** WebSocket connections open at once on the server (one per 192 KiB of maximum heap, 1,000 to 20,000). */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    /** WebSocket connections open at once from one remote address (1,000). */
    public Builder maxConnectionsPerAddress(int maxConnectionsPerAddress) {
      this.maxConnectionsPerAddress = maxConnectionsPerAddress;
      return this;
    }

    /** WebSocket connections open at once for one authenticated user (100). */
    public Builder maxConnectionsPerUser(int maxConnectionsPerUser) {
      this.maxConnectionsPerUser = maxConnectionsPerUser;
      return this;
    }

    /**
     * The header a trusted reverse proxy puts the client's address in, such as {@code
     * X-Forwarded-For} (its rightmost address counts); none by default: the socket's address.
     */
    public Builder clientAddressHeader(String clientAddressHeader) {
      this.clientAddressHeader = clientAddressHeader;
      return this;
    }

    /** Messages and HTTP requests the anonymous clients of one address may send per second together (300). */
    public Builder addressMessagesPerSecond(int addressMessagesPerSecond) {
      this.addressMessagesPerSecond = addressMessagesPerSecond;
      return this;
    }

    /** Messages and HTTP requests the anonymous clients of one address may send at once (600). */
    public Builder addressMessageBurst(int addressMessageBurst) {
      this.addressMessageBurst = addressMessageBurst;
      return this;
    }

    /** Subscriptions open at once on the server, resumable ones included (one per 32 KiB of maximum heap). */
    public Builder maxSubscriptionsTotal(int maxSubscriptionsTotal) {
      this.maxSubscriptionsTotal = maxSubscriptionsTotal;
      return this;
    }

    /** Characters held for all clients together: requests, queued sends, resume logs (an eighth of the heap). */
    public Builder clientBufferBytes(long clientBufferBytes) {
      this.clientBufferBytes = clientBufferBytes;
      return this;
    }

    /** How long an HTTP request may take to send its headers (10 s). */
    public Builder requestHeaderTimeout(Duration requestHeaderTimeout) {
      this.requestHeaderTimeout = requestHeaderTimeout;
      return this;
    }

    /** Bytes per second a request body must arrive at, on average (1,024). */
    public Builder minRequestDataRate(long minRequestDataRate) {
      this.minRequestDataRate = minRequestDataRate;
      return this;
    }

    /**
     * What the server does after a fatal error: {@link FatalErrorPolicy#exitProcess()} (the
     * default, for a supervisor to restart it) or {@link FatalErrorPolicy#stopServer(
     * java.util.function.Consumer)} (for an application embedding {@link LiveHandler}, and tests).
     */
    /** Rows the live queries may hold together before new queries are refused (one per 8 KiB of maximum heap). */
    public Builder maxHeldRows(long maxHeldRows) {
      this.maxHeldRows = maxHeldRows;
      return this;
    }

    public Builder fatalErrorPolicy(FatalErrorPolicy fatalErrorPolicy) {
      this.fatalErrorPolicy = fatalErrorPolicy;
      return this;
    }

    /** This server's name among the nodes of its database; see {@link ServerOptions#nodeId()}. */
    public Builder nodeId(String nodeId) {
      this.nodeId = nodeId;
      return this;
    }

    public ServerOptions build() {
      return new ServerOptions(path, maxMessageBytes, maxJsonDepth, maxStringLength, queryLimits,
          maxSubscriptions, maxRequestsInFlight, maxQueuedBytes, writeTimeout, idleTimeout, allowAnonymous,
          workerThreads, resumeRetention, resumeBufferBytes, allowedOrigins, messagesPerSecond, messageBurst,
          userMessagesPerSecond, userMessageBurst, rateLimitStrikes, maxSubscriptionsPerUser, maxQueriesPerUser,
          engineTimePerUser, compression, maxConnections, maxConnectionsPerAddress, maxConnectionsPerUser,
          clientAddressHeader, addressMessagesPerSecond, addressMessageBurst, maxSubscriptionsTotal, clientBufferBytes,
          requestHeaderTimeout, minRequestDataRate, maxHeldRows, fatalErrorPolicy, nodeId);
    }
  }
}

package dev.live.server;

import dev.live.auth.AuthContext;
import dev.live.auth.Authenticator;
import dev.live.auth.Rules;
import dev.live.procedure.DataAccess;
import dev.live.procedure.ProcedureDescriptor;
import dev.live.procedure.ProcedureRoles;
import dev.live.room.RoomOptions;
import dev.live.room.RoomType;
import dev.live.schema.CollectionSchema;
import dev.live.schema.LiveSchema;
import dev.live.storage.Database;
import dev.live.storage.Store;
import dev.live.storage.StoreOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

/**
 * A Live server on its own embedded Jetty: clients connect to {@code ws://host:port/live}.
 *
 * <pre>{@code
 * LiveServer server = LiveServer.builder()
 *     .schema(AppSchema.INSTANCE)
 *     .database(Database.h2File(Path.of("data/app")))
 *     .procedures(new TaskProcedures())
 *     .authenticate(handshake -> tokens.verify(handshake.bearerToken()))
 *     .rules(r -> r.read(Task_.COLLECTION, auth -> Task_.assigneeId.eq(auth.userId().orElse(""))))
 *     .port(8080)
 *     .start();
 * }</pre>
 *
 * <p>To serve Live from an existing Jetty server instead, build a {@link LiveHandler} with
 * {@link Builder#handler(Server)}.
 */
public final class LiveServer implements AutoCloseable {
  private final Server jetty;
  private final LiveHandler handler;

  private LiveServer(Server jetty, LiveHandler handler) {
    this.jetty = jetty;
    this.handler = handler;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port the server listens on (the one chosen when port 0 was asked for). */
  public int port() {
    return ((NetworkConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  /** The WebSocket address of the server on this machine, {@code ws://localhost:port/live}. */
  public URI uri() {
    return URI.create("ws://localhost:" + port() + handler.core().options().path());
  }

  /** The server's storage, through the typed data API: writes made here reach subscribers too. */
  public DataAccess data() {
    return handler.core().service().store();
  }

  /**
   * Calls {@code procedure} with {@code input} in this process as {@code auth}, and returns its
   * output (null for none). The call runs exactly as a client's call does: its roles, the
   * middlewares, write rules and quotas, in one transaction whose writes reach subscribers. For
   * tests, jobs and an application's own endpoints. A refused or failed call throws its {@link
   * dev.live.error.LiveException}; a live query procedure is refused (subscribe to it with a
   * client instead).
   */
  public <I, O> @Nullable O call(AuthContext auth, ProcedureDescriptor<I, O> procedure, @Nullable I input) {
    return new InProcessCalls(handler.core()).call(Objects.requireNonNull(auth, "auth"),
        Objects.requireNonNull(procedure, "procedure"), input);
  }

  /** The store itself: its change log, and client mutation records. */
  public Store store() {
    return handler.core().service().store();
  }

  /**
   * The highest mutation sequence number recorded for client {@code clientId} of the user {@code
   * auth} names (client ids live in their user's namespace); 0 when none is.
   */
  public long lastMutation(AuthContext auth, String clientId) {
    return store().lastMutation(MutationKeys.of(auth, clientId));
  }

  /** Open WebSocket connections. */
  public int connectionCount() {
    return handler.core().connectionCount();
  }

  /** Live queries maintained (subscriptions to equal queries share one). */
  public int queryCount() {
    return handler.core().service().engine().nodeCount();
  }

  /** Open subscriptions, over every connection. */
  public int subscriptionCount() {
    return handler.core().service().engine().subscriptionCount();
  }

  /**
   * Ends every session of user {@code userId} (signed out, or blocked): their connections are
   * closed with 1008 and what they kept for resuming is dropped, on this node and, on PostgreSQL
   * with the cross-node wake-ups on, on every other node of the database, which hear of it within
   * milliseconds (docs/scale-out.md); how many connections this node closed.
   */
  public int endSessions(String userId) {
    return handler.core().endSessions(userId);
  }

  /** The rooms: emit to them, read and write their state, see who is in them. */
  public Rooms rooms() {
    return new Rooms(handler.core().rooms());
  }

  /**
   * Authenticated users with a rate-limit bucket, which all their connections share: one per user
   * with an open connection (a bucket goes with its user's last connection).
   */
  public int userBucketCount() {
    return handler.core().userBucketCount();
  }

  /** Closes every connection, stops Jetty, and closes storage the server opened. */
  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the server did not stop cleanly", e);
    }
  }

  /** Collects a server's settings; {@link #schema} and one of {@link #database} or {@link #store} are required. */
  public static final class Builder {
    private LiveSchema schema;
    private Database database;
    private Store store;
    private StoreOptions storeOptions = StoreOptions.defaults();
    private final List<Object> procedures = new ArrayList<>();
    private final Map<String, Set<String>> procedureRoles = new HashMap<>();
    private final Map<String, RoomType<?, ?>> roomTypes = new java.util.LinkedHashMap<>();
    private RoomOptions roomOptions = RoomOptions.defaults();
    private java.util.function.Predicate<AuthContext> statsAccess;
    private MetricsBinding metricsBinding;
    private Authenticator authenticator = Authenticator.anonymous();
    private Rules rules = Rules.none();
    private final List<Middleware> middlewares = new ArrayList<>();
    private final Map<CollectionSchema<?>, WriteQuota> writeQuotas = new HashMap<>();
    private ServerOptions options = ServerOptions.defaults();
    private static final int ACCEPT_QUEUE = 1024;
    private String host = "0.0.0.0";
    private String site;
    private int port = 8080;

    private Builder() {}

    /** The generated schema registry ({@code AppSchema.INSTANCE}). */
    public Builder schema(LiveSchema schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
      return this;
    }

    /** The database to open a store on; the server closes both when it stops. */
    public Builder database(Database database) {
      this.database = Objects.requireNonNull(database, "database");
      return this;
    }

    /** Options of the store opened on {@link #database}. */
    public Builder storeOptions(StoreOptions storeOptions) {
      this.storeOptions = Objects.requireNonNull(storeOptions, "storeOptions");
      return this;
    }

    /** An open store to serve, which the server leaves open when it stops. */
    public Builder store(Store store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Objects of classes with {@code @Procedure} methods; their generated dispatchers run them. */
    public Builder procedures(Object... services) {
      procedures.addAll(Arrays.asList(services));
      return this;
    }

    /**
     * Callers of {@code procedure} need at least one of {@code roles} ({@code FORBIDDEN} otherwise).
     * The server checks at start that it runs {@code procedure}, and refuses roles set here for a
     * procedure that declares its own.
     *
     * @deprecated declare the roles on the procedure, {@code @Procedure(roles = "ADMIN")}: they
     *     stay beside the code they guard, the processor checks them, and no procedure name is
     *     spelt twice. This method goes in a later version.
     */
    @Deprecated(forRemoval = true)
    public Builder roles(String procedure, String... roles) {
      if (roles.length == 0) {
        throw new IllegalArgumentException("name at least one role for procedure " + procedure);
      }
      procedureRoles.put(Objects.requireNonNull(procedure, "procedure"),
          ProcedureRoles.checked(procedure, Arrays.asList(roles)));
      return this;
    }

    /** Who a client is, from its handshake; by default everyone is anonymous. */
    public Builder authenticate(Authenticator authenticator) {
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
      return this;
    }

    public Builder rules(Rules rules) {
      this.rules = Objects.requireNonNull(rules, "rules");
      return this;
    }

    /** Rules built in place: {@code .rules(r -> r.read(...).update(...))}. */
    public Builder rules(Consumer<Rules.Builder> rules) {
      Rules.Builder builder = Rules.builder();
      rules.accept(builder);
      this.rules = builder.build();
      return this;
    }

    /**
     * Bounds what clients may store in {@code collection}: the largest row, and the bytes one user
     * (or the anonymous clients of one address) may write per minute, each optional. It applies
     * to every write a client causes, its procedures' included, and not to the application's own
     * writes; see {@link WriteQuota}. One quota per collection.
     *
     * <pre>{@code
     * .writeQuota(Task_.COLLECTION, q -> q.maxRowBytes(16 * 1024).bytesPerMinute(256 * 1024))
     * }</pre>
     */
    public Builder writeQuota(CollectionSchema<?> collection, Consumer<WriteQuota.Builder> quota) {
      Objects.requireNonNull(collection, "collection");
      WriteQuota.Builder builder = WriteQuota.builder();
      quota.accept(builder);
      if (writeQuotas.putIfAbsent(collection, builder.build()) != null) {
        throw new IllegalArgumentException("collection " + collection.name() + " already has a write quota");
      }
      return this;
    }

    /** Adds a middleware around procedure calls and client mutations; the first added is outermost. */
    public Builder middleware(Middleware middleware) {
      middlewares.add(Objects.requireNonNull(middleware, "middleware"));
      return this;
    }

    /** The kinds of rooms clients may join ({@code docs/rooms.md}); none by default. */
    public Builder rooms(RoomType<?, ?>... types) {
      for (RoomType<?, ?> type : types) {
        if (roomTypes.putIfAbsent(type.name(), type) != null) {
          throw new IllegalArgumentException("two room types are named " + type.name());
        }
      }
      return this;
    }

    /** Limits of the rooms: members, rooms per connection, state size, presence timeout. */
    public Builder roomOptions(RoomOptions roomOptions) {
      this.roomOptions = Objects.requireNonNull(roomOptions, "roomOptions");
      return this;
    }

    /**
     * Turns on {@code GET <path>/stats} for the callers {@code allowed} accepts (authenticated as
     * the WebSocket endpoint authenticates); off by default, when it answers 403.
     */
    public Builder stats(java.util.function.Predicate<AuthContext> allowed) {
      this.statsAccess = Objects.requireNonNull(allowed, "allowed");
      return this;
    }

    /** Publishes the server's gauges and counters ({@code live.*}) to a Micrometer registry. */
    public Builder metrics(io.micrometer.core.instrument.MeterRegistry registry) {
      this.metricsBinding = new MicrometerBinding(Objects.requireNonNull(registry, "registry"));
      return this;
    }

    public Builder options(ServerOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** The interface to listen on; all of them by default. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port to listen on, 8080 by default; 0 picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("a port is from 0 to 65535, not " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Serves the classpath folder {@code classpathFolder} (for example {@code "web"}, from
     * {@code src/main/resources/web}) at {@code /}, with {@code index.html} for a folder: the
     * application's own pages, beside Live's routes (which come first). Only with {@link #start()};
     * an application mounting {@link #handler(Server)} in its own Jetty adds its own resource handler.
     */
    public Builder site(String classpathFolder) {
      if (classpathFolder == null || classpathFolder.isBlank() || classpathFolder.contains("..")) {
        throw new IllegalArgumentException("a site is a classpath folder such as \"web\", not " + classpathFolder);
      }
      this.site = classpathFolder.replaceAll("^/+|/+$", "");
      return this;
    }

    /** The handler to mount in {@code server}, an application's own Jetty server. */
    public LiveHandler handler(Server server) {
      return new LiveHandler(server, new LiveCore(config()));
    }

    /** Starts the server on its own Jetty; fails if storage cannot be opened or the port is taken. */
    public LiveServer start() {
      java.util.concurrent.atomic.AtomicReference<LiveHandler> mounted = new java.util.concurrent.atomic.AtomicReference<>();
      Server jetty = new Server(new JettyThreads(() -> mounted.get() == null ? null : mounted.get().core().fatal()));
      HttpConfiguration http = new HttpConfiguration();
      http.setMinRequestDataRate(options.minRequestDataRate());
      ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
      connector.addBean(new HeaderDeadline(connector.getScheduler(), options.requestHeaderTimeout()));
      connector.setHost(host);
      connector.setPort(port);
      // The JDK's default backlog is 50: after a restart, thousands of clients reconnect at once,
      // and connects beyond the backlog wait a second to retry. The kernel caps it (somaxconn).
      connector.setAcceptQueueSize(ACCEPT_QUEUE);
      jetty.addConnector(connector);
      LiveHandler handler = handler(jetty);
      mounted.set(handler);
      jetty.setHandler(site == null ? handler : new Handler.Sequence(handler, SiteHandler.of(jetty, site)));
      try {
        jetty.start();
      } catch (Exception e) {
        try {
          jetty.stop();
        } catch (Exception stopping) {
          e.addSuppressed(stopping);
        }
        if (e instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException("the server did not start: " + e.getMessage(), e);
      }
      return new LiveServer(jetty, handler);
    }

    private ServerConfig config() {
      if (schema == null) {
        throw new IllegalStateException("a server needs its schema: .schema(AppSchema.INSTANCE)");
      }
      return new ServerConfig(schema, Optional.ofNullable(database), Optional.ofNullable(store), storeOptions,
          procedures, procedureRoles, authenticator, rules, middlewares, options, roomTypes, roomOptions,
          Optional.ofNullable(statsAccess), Optional.ofNullable(metricsBinding), writeQuotas);
    }
  }
}

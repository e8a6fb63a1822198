package dev.live.test;

import dev.live.auth.AuthContext;
import dev.live.auth.Authenticator;
import dev.live.client.ClientOptions;
import dev.live.client.LiveClient;
import dev.live.procedure.DataAccess;
import dev.live.procedure.ProcedureDescriptor;
import dev.live.schema.LiveSchema;
import dev.live.server.LiveServer;
import dev.live.storage.Database;
import dev.live.subscription.QueryResult;
import dev.live.subscription.Subscribable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Live server for tests: the application's schema, procedures and rules on a fresh in-memory
 * H2 database, at a free port of the loopback interface, with clients signed in as the users a
 * test names.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LiveTest live = LiveTest.builder(AppSchema.INSTANCE)
 *     .server(server -> server.procedures(new ChatProcedures()).rules(ChatRules.RULES))
 *     .build();
 *
 * @Test
 * void bobSeesAliceMessage() {
 *   LiveClient bob = live.client(AuthContext.of("bob"));
 *   live.call(AuthContext.of("alice"), ChatProcedures_.send, new Send("general", "hi"));
 *   live.await(bob.query(MessageQuery.all()), result -> result.rows().size() == 1);
 * }
 * }</pre>
 *
 * <p>Registered on a static field, one server serves the whole class (its data outlives each
 * test); on an instance field, each test gets a server of its own. Clients a test opens are
 * closed after it; those opened in {@code @BeforeAll}, after the class. Outside JUnit, {@link
 * #start()} and {@link #close()} do the same by hand.
 */
public final class LiveTest implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
    AutoCloseable {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final LiveSchema schema;
  private final Consumer<LiveServer.Builder> configure;
  private final Authenticator others;
  private final Duration timeout;
  private final Consumer<ClientOptions.Builder> clientOptions;

  private @Nullable LiveServer server;
  private @Nullable TestSignIns signIns;
  private boolean serverPerTest;
  private boolean inTest;
  private final List<LiveClient> classClients = new ArrayList<>();
  private final List<LiveClient> testClients = new ArrayList<>();

  private LiveTest(Builder builder) {
    this.schema = builder.schema;
    this.configure = builder.configure;
    this.others = builder.others;
    this.timeout = builder.timeout;
    this.clientOptions = builder.clientOptions;
  }

  /** A test server for the application whose generated registry is {@code schema} ({@code AppSchema.INSTANCE}). */
  public static Builder builder(LiveSchema schema) {
    return new Builder(schema);
  }

  /** Starts the server, if it is not running; JUnit calls it before the class or the test. */
  public synchronized LiveTest start() {
    if (server == null) {
      TestSignIns tokens = new TestSignIns(others);
      LiveServer.Builder builder = LiveServer.builder()
          .schema(schema)
          .database(Database.h2Memory("live-test-" + DATABASES.incrementAndGet()))
          .host("127.0.0.1")
          .port(0);
      configure.accept(builder);
      // Last, so that the kit's sign-ins hold whatever the configuration set; the application's
      // own authenticator, given to the kit's builder, still answers the other handshakes.
      server = builder.authenticate(tokens).start();
      signIns = tokens;
    }
    return this;
  }

  /** The running server: its address, its data, its rooms. */
  public LiveServer server() {
    return running();
  }

  /** The server's data: writes made here reach every subscriber, as a client's would. */
  public DataAccess data() {
    return running().data();
  }

  /** A client connected and signed in as {@code user}; closed after the test (or the class). */
  public LiveClient client(AuthContext user) {
    return connect(token(user));
  }

  /** A client connected without credentials: what the server's authenticator makes of no token. */
  public LiveClient anonymousClient() {
    return connect(null);
  }

  /**
   * A bearer token the server takes for {@code user}: for clients the kit does not open (a
   * browser, an HTTP call with {@code Authorization: Bearer <token>}).
   */
  public String token(AuthContext user) {
    running();
    return Objects.requireNonNull(signIns).issue(Objects.requireNonNull(user, "user"));
  }

  /**
   * Follows {@code live} until a result satisfies {@code until}, and returns that result; fails
   * the test with the last result seen if none does within the timeout (10 s by default), and
   * with the server's error if it ends the subscription. A condition may assert: its failure
   * fails the test at once.
   */
  public <R> QueryResult<R> await(Subscribable<R> live, Predicate<? super QueryResult<R>> until) {
    return LiveResults.await(live, until, timeout);
  }

  /** The first result of {@code live}, once the server's snapshot came. */
  public <R> QueryResult<R> first(Subscribable<R> live) {
    return await(live, result -> true);
  }

  /**
   * Calls {@code procedure} in the server's process as {@code user}, exactly as a client's call
   * runs (roles, rules, one transaction), and returns its output; see {@link LiveServer#call}.
   */
  public <I, O> @Nullable O call(AuthContext user, ProcedureDescriptor<I, O> procedure, @Nullable I input) {
    return running().call(user, procedure, input);
  }

  /** Closes every client and stops the server; JUnit calls it after the class or the test. */
  @Override
  public synchronized void close() {
    closeAll(testClients);
    closeAll(classClients);
    if (server != null) {
      server.close();
      server = null;
      signIns = null;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public synchronized void beforeEach(ExtensionContext context) {
    serverPerTest = server == null;
    start();
    inTest = true;
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    inTest = false;
    closeAll(testClients);
    if (serverPerTest) {
      close();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  private LiveClient connect(@Nullable String token) {
    ClientOptions.Builder options = ClientOptions.builder();
    if (token != null) {
      options.header("Authorization", "Bearer " + token);
    }
    clientOptions.accept(options);
    LiveClient client = LiveClient.connect(running().uri(), schema, options.build());
    synchronized (this) {
      (inTest ? testClients : classClients).add(client);
    }
    return client;
  }

  private synchronized LiveServer running() {
    if (server == null) {
      throw new IllegalStateException("the test server is not running: register the LiveTest with"
          + " @RegisterExtension, or call start() first");
    }
    return server;
  }

  private static void closeAll(List<LiveClient> clients) {
    List<LiveClient> closing = List.copyOf(clients);
    clients.clear();
    for (LiveClient client : closing) {
      client.close();
    }
  }

  /** What the test server runs and how its clients connect. */
  public static final class Builder {
    private final LiveSchema schema;
    private Consumer<LiveServer.Builder> configure = server -> {};
    private Authenticator others = Authenticator.anonymous();
    private Duration timeout = Duration.ofSeconds(10);
    private Consumer<ClientOptions.Builder> clientOptions = options -> {};

    private Builder(LiveSchema schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
    }

    /**
     * Configures the server as the application does: {@code procedures(...)}, {@code rules(...)},
     * {@code rooms(...)}, {@code options(...)}, even another {@code database(...)}. The kit sets
     * the schema, an in-memory H2 database, 127.0.0.1 and a free port first, and its own
     * authenticator after: give the application's to {@link #authenticator}.
     */
    public Builder server(Consumer<LiveServer.Builder> configure) {
      this.configure = Objects.requireNonNull(configure, "configure");
      return this;
    }

    /**
     * The application's authenticator, for the handshakes that carry no token of the kit's
     * ({@link #anonymousClient()}, a sign-in flow under test); anonymous by default.
     */
    public Builder authenticator(Authenticator authenticator) {
      this.others = Objects.requireNonNull(authenticator, "authenticator");
      return this;
    }

    /** How long {@link #await} waits; 10 s by default (a client's connect timeout is its option). */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("a timeout is positive, not " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** Adjusts the options of every client the kit opens (headers, heartbeat, listener executor...). */
    public Builder clientOptions(Consumer<ClientOptions.Builder> options) {
      this.clientOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    public LiveTest build() {
      return new LiveTest(this);
    }
  }
}

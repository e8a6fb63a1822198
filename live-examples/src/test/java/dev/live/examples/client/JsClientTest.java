package dev.live.examples.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.auth.AuthContext;
import dev.live.auth.Rules;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.BoardQueries;
import dev.live.examples.board.BoardRooms;
import dev.live.examples.board.Board_;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.Role;
import dev.live.examples.board.TaskProcedures;
import dev.live.examples.board.Task_;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.BoardData;
import dev.live.examples.storage.TestDatabase;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import dev.live.storage.Store;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The browser client (live-runtime's {@code dev/live/browser/live-client.js}) against a real
 * server, run by Node: each test runs a scenario file of {@code src/test/js/}, which prints PASS
 * or FAIL per scenario and asks this side, with {@code STEP <name>} lines, to act on the fault
 * proxy its clients may connect through. Users: the token {@code u1} is Ann (admin of team1),
 * {@code u2} Bob (member of team1), {@code u3} Cyd (team2).
 */
class JsClientTest {
  private static final Map<String, AuthContext> USERS = Map.of(
      "u1", user("u1", "team1", Role.ADMIN),
      "u2", user("u2", "team1", Role.MEMBER),
      "u3", user("u3", "team2", Role.MEMBER));

  private static final Map<String, Set<String>> BOARDS = Map.of(
      "team1", Set.of("board:b1", "board:b2"), "team2", Set.of("board:b3"));

  private TestDatabase database;
  private Store store;
  private LiveServer server;
  private FaultProxy proxy;
  /** The query parameter names of each handshake, for the token's name on the wire. */
  private final List<Set<String>> parametersSeen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    database = Backend.H2.create();
    store = Store.open(database.database(), AppSchema.INSTANCE);
    BoardData.seed(store);
    server = LiveServer.builder().schema(AppSchema.INSTANCE).store(store).host("127.0.0.1").port(0)
        .authenticate(handshake -> {
          parametersSeen.add(handshake.queryParameters().keySet());
          return handshake.bearerToken().map(token -> Optional.ofNullable(USERS.get(token))
              .orElseThrow(() -> new LiveException(ErrorCode.UNAUTHENTICATED, "unknown token")))
              .orElse(AuthContext.anonymous());
        })
        .rules(teamRules())
        .rooms(BoardRooms.board((auth, room) -> team(auth).map(team -> BOARDS.get(team).contains(room)).orElse(false)))
        .procedures(new BoardQueries(), new TaskProcedures())
        // Uncompressed, so that the fault proxy can find the server's messages in the bytes.
        .options(ServerOptions.builder().compression(false).build())
        .start();
    proxy = FaultProxy.start(server.port());
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (server != null) {
      server.close();
    }
    if (store != null) {
      store.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void liveQueriesAndOptimisticWrites() {
    run("live-queries.mjs", Map.of());
  }

  @Test
  void refusedWritesRollBackAndReadRulesFilter() {
    run("rules.mjs", Map.of());
  }

  @Test
  void reconnectResumesAndWritesApplyExactlyOnce() {
    run("reconnect.mjs", Map.of(
        "drop", proxy::dropAll,
        "refuse", () -> {
          proxy.refuse(true);
          proxy.dropAll();
        },
        "accept", () -> proxy.refuse(false),
        "drop-on-ack", () -> proxy.dropWhenServerSends("\"type\":\"ack\""),
        "ack-was-dropped", () -> assertThat(proxy.triggered()).as("an ack was lost with a connection").isTrue()));
  }

  @Test
  void roomsPresenceEventsAndState() {
    run("rooms.mjs", Map.of(
        "drop", proxy::dropAll,
        "drop-and-drop-on-joined", () -> {
          proxy.dropWhenServerSends("\"type\":\"joined\"");
          proxy.dropAll();
        },
        "rejoin-was-dropped", () -> assertThat(proxy.triggered()).as("a rejoin's answer was lost").isTrue()));
  }

  @Test
  void theTokenTravelsAsTheAccessTokenThatBearerTokenReads() {
    run("token.mjs", Map.of());
    assertThat(parametersSeen).as("the browser client's handshakes")
        .isNotEmpty()
        .allSatisfy(names -> assertThat(names).contains("access_token").doesNotContain("token"));
  }

  @Test
  void queryBuilderHasTheJavaBuildersOperators() {
    run("query.mjs", Map.of());
  }

  @Test
  void valuesCompareByTheirFieldsType() {
    run("values.mjs", Map.of());
  }

  @Test
  void procedures() {
    run("procedures.mjs", Map.of());
  }

  @Test
  void applicationErrorCodesAndProcedureRoles() {
    run("errors.mjs", Map.of());
  }

  private static AuthContext user(String id, String team, Role role) {
    return new AuthContext(Optional.of(id), Set.of(role.name()), Map.of("team", team));
  }

  /**
   * Read rules by team; tasks titled "forbidden…" cannot be inserted, nor retitled "taken…" (refused
   * with the application's code TITLE_TAKEN); only admins delete tasks.
   */
  private static Rules teamRules() {
    return Rules.builder()
        .read(Board_.COLLECTION, auth -> team(auth).map(Board_.teamId::eq).orElse(Rules.nothing(Board_.COLLECTION)))
        .read(Task_.COLLECTION, auth -> team(auth).map(team -> Task_.board.is(Board_.teamId.eq(team)))
            .orElse(Rules.nothing(Task_.COLLECTION)))
        .read(Comment_.COLLECTION, auth -> team(auth)
            .map(team -> Comment_.task.is(Task_.board.is(Board_.teamId.eq(team))))
            .orElse(Rules.nothing(Comment_.COLLECTION)))
        .insert(Task_.COLLECTION, (auth, task) -> !task.title().startsWith("forbidden"))
        .update(Task_.COLLECTION, (auth, before, after, changed) -> {
          if (after.title().startsWith("taken")) {
            throw LiveException.of("TITLE_TAKEN", "another task is titled '" + after.title() + "'");
          }
          return true;
        })
        .delete(Task_.COLLECTION, (auth, task) -> auth.hasRole(Role.ADMIN.name()))
        .build();
  }

  private static Optional<String> team(AuthContext auth) {
    return Optional.ofNullable(auth.claims().get("team"));
  }

  private void run(String script, Map<String, Runnable> steps) {
    NodeScripts.run(script, steps, Map.of("LIVE_URL", "ws://127.0.0.1:" + server.port() + "/live",
        "LIVE_PROXY_URL", "ws://127.0.0.1:" + proxy.port() + "/live"));
  }
}

package dev.live.examples.board;

import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import dev.live.storage.Database;
import dev.live.storage.Store;
import dev.live.storage.StoreOptions;
import java.util.List;
import java.util.Set;

/**
 * The team board app wired together: storage with the demo data, the procedures, sign-in tokens
 * and the authenticator, the rules, the board rooms, and the web UI. {@link BoardApp} runs it on
 * a file; tests run it on a free port. Closing it stops the server and closes the store and the
 * database.
 */
public final class BoardServer implements AutoCloseable {
  /** Where the app listens, and the origins whose pages may connect (none listed: any). */
  public record Options(String host, int port, Set<String> allowedOrigins) {
    public Options {
      allowedOrigins = Set.copyOf(allowedOrigins);
    }
  }

  private final Database database;
  private final Store store;
  private final LiveServer server;
  private final boolean seeded;

  private BoardServer(Database database, Store store, LiveServer server, boolean seeded) {
    this.database = database;
    this.store = store;
    this.server = server;
    this.seeded = seeded;
  }

  /** Starts the app on {@code database}, which it then owns, signing tokens with {@code tokens}. */
  public static BoardServer start(Database database, SessionTokens tokens, Options options) {
    Store store = null;
    try {
      store = Store.open(database, AppSchema.INSTANCE, StoreOptions.builder().hooks(TaskCascade.hooks()).build());
      boolean seeded = DemoData.seedIfEmpty(store);
      LiveServer server = LiveServer.builder()
          .schema(AppSchema.INSTANCE)
          .store(store)
          .procedures(new TaskProcedures(), new BoardQueries(), new SignInProcedures(tokens))
          .authenticate(new BoardAuthenticator(tokens, store))
          .rules(BoardRules.rules())
          .middleware(new TeamWrites())
          .rooms(BoardRooms.board(BoardRooms.teamMembers(store)))
          .options(ServerOptions.builder().allowedOrigins(options.allowedOrigins()).build())
          // The server's figures (GET /live/stats: connections, buffers, heap) for the admins.
          .stats(auth -> auth.hasRole(Role.ADMIN.name()))
          .site("board-app") // the web UI, from src/main/resources/board-app/
          .host(options.host())
          .port(options.port())
          .start();
      return new BoardServer(database, store, server, seeded);
    } catch (RuntimeException e) {
      if (store != null) {
        store.close();
      }
      database.close();
      throw e;
    }
  }

  /** The Live server: its port, data API, rooms. */
  public LiveServer server() {
    return server;
  }

  /** Whether this start wrote the demo data (the database was empty). */
  public boolean seeded() {
    return seeded;
  }

  /** The demo users as the sign-in page lists them. */
  public List<DemoUser> demoUsers() {
    return DemoData.users(store);
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      store.close();
      database.close();
    }
  }
}

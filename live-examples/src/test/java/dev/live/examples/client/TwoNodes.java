package dev.live.examples.client;

import dev.live.auth.Rules;
import dev.live.examples.board.AppSchema;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.BoardData;
import dev.live.examples.storage.TestDatabase;
import dev.live.server.LiveServer;
import dev.live.storage.Database;
import dev.live.storage.Store;
import dev.live.storage.StoreOptions;
import java.io.IOException;
import java.time.Duration;

/**
 * Two nodes on one PostgreSQL database (a fresh schema, seeded with the board's data), each
 * seeing the other's commits within a short tail poll, node 1 reached through a {@link
 * FaultProxy} so that a test can lose what it sends or answers as it dies. The failover tests of
 * the Java and the browser client share it.
 */
final class TwoNodes implements AutoCloseable {
  /** Each node's store: other nodes' commits are seen within 50 ms even without the wake-ups. */
  static final StoreOptions NODE_STORE = StoreOptions.builder().tailPollInterval(Duration.ofMillis(50)).build();

  final TestDatabase database;
  private final Database secondDatabase;
  private Store store1;
  final Store store2;
  private LiveServer node1;
  final LiveServer node2;
  final FaultProxy proxy1;

  private TwoNodes(TestDatabase database, Database secondDatabase, Store store1, Store store2, LiveServer node1,
      LiveServer node2, FaultProxy proxy1) {
    this.database = database;
    this.secondDatabase = secondDatabase;
    this.store1 = store1;
    this.store2 = store2;
    this.node1 = node1;
    this.node2 = node2;
    this.proxy1 = proxy1;
  }

  /** Starts both; skipped without PostgreSQL outside CI, as every PostgreSQL test is. */
  static TwoNodes start() throws IOException {
    TestDatabase database = Backend.POSTGRESQL.create();
    Store store1 = Store.open(database.database(), AppSchema.INSTANCE, NODE_STORE);
    BoardData.seed(store1);
    Database secondDatabase = Database.postgres(database.jdbcUrl(), database.user(), database.password());
    Store store2 = Store.open(secondDatabase, AppSchema.INSTANCE, NODE_STORE);
    LiveServer node1 = node(store1);
    LiveServer node2 = node(store2);
    return new TwoNodes(database, secondDatabase, store1, store2, node1, node2, FaultProxy.start(node1.port()));
  }

  private static LiveServer node(Store store) {
    return LiveServer.builder().schema(AppSchema.INSTANCE).store(store).rules(Rules.none()).host("127.0.0.1").port(0)
        .start();
  }

  /** The port node 1 listens on itself, behind its proxy. */
  int node1Port() {
    return node1.port();
  }

  /** Node 1 stops: its server and its store (its database stays: node 2 uses the same). */
  void stopNode1() {
    if (node1 != null) {
      node1.close();
      node1 = null;
    }
    if (store1 != null) {
      store1.close();
      store1 = null;
    }
  }

  @Override
  public void close() {
    proxy1.close();
    stopNode1();
    node2.close();
    store2.close();
    secondDatabase.close();
    database.close();
  }
}

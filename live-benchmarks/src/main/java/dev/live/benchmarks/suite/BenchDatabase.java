package dev.live.benchmarks.suite;

import dev.live.storage.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A database made for one measurement, and removed after it: a named H2 database in memory, or a
 * fresh schema in the PostgreSQL at {@code LIVE_PG_URL} (by default the machine's, {@code
 * jdbc:postgresql://127.0.0.1:5432/test} as user {@code postgres}; {@code LIVE_PG_USER} and
 * {@code LIVE_PG_PASSWORD} as in the storage tests), dropped on close. A fresh one per measurement
 * keeps rows of one measurement from slowing the next.
 */
public final class BenchDatabase implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String PG_URL = env("LIVE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = env("LIVE_PG_USER", "postgres");
  private static final String PG_PASSWORD = env("LIVE_PG_PASSWORD", "");

  private final Database database;
  private final Runnable drop;
  /** The JDBC URL of the PostgreSQL schema, for {@link #anotherNode()}; null on H2. */
  private final String url;
  private final List<Database> others = new ArrayList<>();

  private BenchDatabase(Database database, Runnable drop, String url) {
    this.database = database;
    this.drop = drop;
    this.url = url;
  }

  /** A new H2 database in memory. */
  public static BenchDatabase h2() {
    return new BenchDatabase(Database.h2Memory(freshName()), () -> {}, null);
  }

  /** A new schema in PostgreSQL; call {@link #postgresProblem()} first, this fails when it is unreachable. */
  public static BenchDatabase postgres() {
    String schema = freshName();
    adminExecute("CREATE SCHEMA " + schema);
    String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    try {
      return new BenchDatabase(Database.postgres(url, PG_USER, PG_PASSWORD),
          () -> adminExecute("DROP SCHEMA " + schema + " CASCADE"), url);
    } catch (RuntimeException e) {
      adminExecute("DROP SCHEMA " + schema + " CASCADE");
      throw e;
    }
  }

  /**
   * Why PostgreSQL cannot be used, or empty when it can. A benchmark reports its PostgreSQL figures
   * as not measurable with this reason rather than failing.
   */
  public static Optional<String> postgresProblem() {
    DriverManager.setLoginTimeout(3);
    try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of("PostgreSQL is not reachable at " + PG_URL + " as " + PG_USER + " (" + e.getMessage()
          + "); start it or set LIVE_PG_URL, LIVE_PG_USER, LIVE_PG_PASSWORD");
    }
  }

  public Database database() {
    return database;
  }

  /**
   * Another {@code Database} on the same PostgreSQL schema, with a pool of its own: what a second
   * node of the application opens. Closed with this one (closing it before does no harm).
   */
  public Database anotherNode() {
    if (url == null) {
      throw new IllegalStateException("only PostgreSQL has other nodes; an H2 database in memory is this process's");
    }
    Database other = Database.postgres(url, PG_USER, PG_PASSWORD);
    others.add(other);
    return other;
  }

  @Override
  public void close() {
    try {
      others.forEach(Database::close);
      database.close();
    } finally {
      drop.run();
    }
  }

  private static String freshName() {
    return "live_bench" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
  }

  private static void adminExecute(String sql) {
    try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL refused: " + sql, e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }
}

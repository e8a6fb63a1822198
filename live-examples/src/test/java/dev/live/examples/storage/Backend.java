package dev.live.examples.storage;

import dev.live.storage.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the storage suite runs on. Each test gets a database of its own: a named H2
 * database in memory, or a fresh schema in the PostgreSQL at {@code LIVE_PG_URL} (by default the
 * machine's, {@code jdbc:postgresql://127.0.0.1:5432/test} as user {@code postgres}), dropped
 * afterwards.
 *
 * <p>Without a reachable PostgreSQL its tests are skipped with a message, except in CI
 * ({@code LIVE_CI} set), where they fail: there, PostgreSQL is part of the build.
 */
public enum Backend {
  H2,
  POSTGRESQL;

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String PG_URL = env("LIVE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = env("LIVE_PG_USER", "postgres");
  private static final String PG_PASSWORD = env("LIVE_PG_PASSWORD", "");
  private static volatile String postgresProblem;
  private static volatile boolean postgresChecked;

  /** A new, empty database for one test; close it after the test. */
  public TestDatabase create() {
    String name = "live_t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    if (this == H2) {
      // A plain connection to the same name joins the database, as user "", until the Database closes it.
      return new TestDatabase(Database.h2Memory(name), () -> {}, "jdbc:h2:mem:" + name, "", "");
    }
    requirePostgres();
    adminExecute("CREATE SCHEMA " + name);
    String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + name;
    return new TestDatabase(Database.postgres(url, PG_USER, PG_PASSWORD),
        () -> adminExecute("DROP SCHEMA " + name + " CASCADE"), url, PG_USER, PG_PASSWORD);
  }

  /**
   * A new, empty database for one test, reached through {@code faults}: Live's connections pass
   * the faults the test arms on it. Close it after the test.
   */
  public TestDatabase create(JdbcFaults faults) {
    String name = "live_t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    if (this == H2) {
      String url = "jdbc:h2:mem:" + name;
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(url + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=64");
      // Database.h2 leaves the application's database open: the test ends it once Live let go.
      return new TestDatabase(Database.h2(faults.wrap(h2)), () -> shutDownH2(url), url, "", "");
    }
    requirePostgres();
    adminExecute("CREATE SCHEMA " + name);
    String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + name;
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setURL(url);
    postgres.setUser(PG_USER);
    postgres.setPassword(PG_PASSWORD);
    return new TestDatabase(Database.postgres(faults.wrap(postgres)),
        () -> adminExecute("DROP SCHEMA " + name + " CASCADE"), url, PG_USER, PG_PASSWORD);
  }

  private static void shutDownH2(String url) {
    try (Connection connection = DriverManager.getConnection(url, "", "");
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    } catch (SQLException e) {
      throw new IllegalStateException("could not end the H2 database " + url, e);
    }
  }

  /** Skips the calling test when PostgreSQL cannot be reached, or fails it in CI. */
  static void requirePostgres() {
    if (!postgresChecked) {
      synchronized (Backend.class) {
        if (!postgresChecked) {
          postgresProblem = probe();
          postgresChecked = true;
        }
      }
    }
    if (postgresProblem == null) {
      return;
    }
    String message = "PostgreSQL is not reachable at " + PG_URL + " as " + PG_USER + " (" + postgresProblem
        + "). Start it (pg_ctlcluster --skip-systemctl-redirect <version> main start) or point LIVE_PG_URL,"
        + " LIVE_PG_USER and LIVE_PG_PASSWORD at one to run the PostgreSQL half of the storage suite.";
    if (System.getenv("LIVE_CI") != null) {
      throw new AssertionError("CI needs PostgreSQL: " + message);
    }
    Assumptions.abort(message);
  }

  private static String probe() {
    DriverManager.setLoginTimeout(3);
    try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
      return null;
    } catch (SQLException e) {
      return e.getMessage();
    }
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

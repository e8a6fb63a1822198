package dev.live.examples.storage;

import dev.live.storage.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A database made for one test, and how to remove it. */
public final class TestDatabase implements AutoCloseable {
  private final Database database;
  private final Runnable drop;
  private final String jdbcUrl;
  private final String user;
  private final String password;

  TestDatabase(Database database, Runnable drop, String jdbcUrl, String user, String password) {
    this.database = database;
    this.drop = drop;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  /** The JDBC URL of this database, for tests that reach it without Live (or open a second {@code Database} on it). */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** A plain JDBC connection to this database, in auto-commit mode; close it before the test goes on. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() {
    database.close();
    drop.run();
  }
}

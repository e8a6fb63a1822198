package dev.live.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * Opens the connections a store keeps outside its pool on PostgreSQL, one to LISTEN and one to
 * NOTIFY: in auto-commit (pgjdbc hands out notifications only between transactions, and a
 * NOTIFY is sent at its commit), named so that an operator can find them in {@code
 * pg_stat_activity} ({@code application_name}), and bounded in time, so that a database that
 * stopped answering fails them instead of stalling their threads.
 */
final class WakeConnections {
  /** How long a connection may wait for the database to answer before it counts as lost. */
  static final int NETWORK_TIMEOUT_MILLIS = 10_000;
  /** A NOTIFY or a liveness check that takes longer is failed by the database itself. */
  private static final String STATEMENT_TIMEOUT = "10s";
  /** PostgreSQL keeps the first 63 bytes of an application name. */
  private static final int MAX_NAME = 63;
  /** {@code setNetworkTimeout} wants an executor; pgjdbc does not use it. */
  private static final Executor DIRECT = Runnable::run;

  private final DataSource source;

  WakeConnections(DataSource source) {
    this.source = source;
  }

  /**
   * A new connection named {@code applicationName} (cut to what PostgreSQL keeps), with each
   * {@code settings} pair applied to its session (name, value). The caller closes it.
   */
  Connection open(String applicationName, String... settings) throws SQLException {
    Connection connection = source.getConnection();
    try {
      connection.setAutoCommit(true);
      connection.setNetworkTimeout(DIRECT, NETWORK_TIMEOUT_MILLIS);
      set(connection, "application_name", applicationName(applicationName));
      set(connection, "statement_timeout", STATEMENT_TIMEOUT);
      for (int i = 0; i + 1 < settings.length; i += 2) {
        set(connection, settings[i], settings[i + 1]);
      }
      return connection;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection, e);
      throw e;
    }
  }

  /** Ends {@code connection} at once, even while another thread waits on it; it is closed after. */
  static void abort(Connection connection) {
    try {
      connection.abort(DIRECT);
    } catch (SQLException | RuntimeException e) {
      // The connection is being thrown away; its own thread closes it and logs what matters.
    }
  }

  /** Closes {@code connection}, adding a failure to do so to {@code cause}. */
  static void closeQuietly(Connection connection, Throwable cause) {
    try {
      connection.close();
    } catch (SQLException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /** Closes a connection already given up on; a failure to close it changes nothing. */
  static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException | RuntimeException e) {
      // It is lost already, which is why it is closed.
    }
  }

  /** {@code set_config} rather than {@code SET}: the value is a parameter, never spliced into SQL. */
  private static void set(Connection connection, String name, String value) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT set_config(?, ?, false)")) {
      statement.setString(1, name);
      statement.setString(2, value);
      statement.execute();
    }
  }

  /** {@code name} as PostgreSQL keeps it: at most {@link #MAX_NAME} characters, printable ASCII. */
  static String applicationName(String name) {
    StringBuilder cut = new StringBuilder(Math.min(name.length(), MAX_NAME));
    for (int i = 0; i < name.length() && cut.length() < MAX_NAME; i++) {
      char c = name.charAt(i);
      cut.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return cut.toString();
  }
}

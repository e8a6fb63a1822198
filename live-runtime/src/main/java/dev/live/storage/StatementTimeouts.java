package dev.live.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Gives the pooled connections of one {@link Database} the statement timeout a store asks for,
 * as a setting of the database session ({@link Dialect#timeoutSql}): the database itself cancels
 * a statement that runs too long, to the millisecond, at no cost per statement. A connection is
 * set once and again only when a store asks for other values (schema synchronization runs
 * without a timeout), so a transaction normally pays nothing for it.
 *
 * <p>Why session settings and not {@code Statement.setQueryTimeout}: that takes whole seconds;
 * pgjdbc implements it with a timer task per statement that opens a second connection to send
 * the cancel, and H2 with a session setting anyway. PostgreSQL's {@code statement_timeout} and
 * H2's {@code QUERY_TIMEOUT} are milliseconds, enforced in the server, and a statement waiting
 * for a lock is canceled like one running.
 */
final class StatementTimeouts {
  /** What a session was set to: the statement timeout and (H2) the lock timeout, 0 for none. */
  record Settings(long statementMillis, long lockMillis) {}

  /**
   * The settings of each physical connection (what the pool hands out wraps it). Weak: the pool
   * retires connections, and a retired one must not stay here.
   */
  private final Map<Connection, Settings> sessions = Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * Brings {@code pooled}, just taken from the pool with nothing done on it yet, to {@code wanted}.
   * The settings are committed at once: on PostgreSQL a {@code SET} in a transaction that rolls
   * back is undone.
   */
  void apply(Connection pooled, Dialect dialect, Settings wanted) throws SQLException {
    Connection physical = pooled.unwrap(Connection.class);
    if (wanted.equals(sessions.get(physical))) {
      return;
    }
    // Forgotten first: if a SET fails halfway, the next use sets them all again.
    sessions.remove(physical);
    try (Statement statement = pooled.createStatement()) {
      for (String sql : dialect.timeoutSql(wanted.statementMillis(), wanted.lockMillis())) {
        statement.execute(sql);
      }
    }
    pooled.commit();
    sessions.put(physical, wanted);
  }
}

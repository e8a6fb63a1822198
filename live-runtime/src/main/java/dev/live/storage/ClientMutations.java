package dev.live.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The client table: for each client id, the highest mutation sequence applied and when it was
 * applied ({@code last_used}). It is written in the same transaction as the mutation (see {@link
 * Transaction#claimMutation}), so "applied" and "recorded" commit or roll back together. A record
 * not used for longer than {@link StoreOptions#clientRetention()} is deleted ({@link
 * #deleteExpired}), so the table holds the clients of the window, not every client that ever wrote.
 */
final class ClientMutations {
  /** Client ids are chosen by clients; bounded so that the table stays small. */
  static final int MAX_CLIENT_ID_LENGTH = 128;
  /**
   * The column's definition, for the table's creation and for adding it to a table from before
   * it. The database's clock sets it, one clock for every node of a PostgreSQL cluster. Not
   * indexed: an index on a column every mutation updates would cost each mutation an index write
   * (and PostgreSQL its HOT updates) to speed up a sweep that runs every few minutes.
   */
  static final String LAST_USED_COLUMN = "last_used TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL";

  private ClientMutations() {}

  static void requireValid(String clientId, long sequence) {
    if (clientId == null || clientId.isEmpty() || clientId.length() > MAX_CLIENT_ID_LENGTH) {
      throw new IllegalArgumentException("a client id is 1 to " + MAX_CLIENT_ID_LENGTH + " characters long");
    }
    if (sequence < 1) {
      throw new IllegalArgumentException("mutation sequences start at 1, not " + sequence);
    }
  }

  static long last(Sql sql, String clientId) throws SQLException {
    try (PreparedStatement select = sql.prepare("SELECT last_seq FROM " + SqlNames.CLIENTS + " WHERE client_id = ?")) {
      select.setString(1, clientId);
      try (ResultSet result = select.executeQuery()) {
        return result.next() ? result.getLong(1) : 0;
      }
    }
  }

  /**
   * Deletes up to {@code max} records last used more than {@code retention} ago by the database's
   * clock, and returns how many it deleted; the caller commits. The outer condition is checked
   * again on each row as it is deleted, so a record that a mutation used while this ran stays.
   */
  static int deleteExpired(Sql sql, Duration retention, int max) throws SQLException {
    OffsetDateTime now;
    try (PreparedStatement select = sql.prepare("SELECT CURRENT_TIMESTAMP");
        ResultSet result = select.executeQuery()) {
      result.next();
      now = result.getObject(1, OffsetDateTime.class);
    }
    OffsetDateTime cutoff = now.minus(retention);
    try (PreparedStatement delete = sql.prepare("DELETE FROM " + SqlNames.CLIENTS + " WHERE last_used < ?"
        + " AND client_id IN (SELECT client_id FROM " + SqlNames.CLIENTS + " WHERE last_used < ? LIMIT ?)")) {
      delete.setObject(1, cutoff);
      delete.setObject(2, cutoff);
      delete.setInt(3, max);
      return delete.executeUpdate();
    }
  }
}

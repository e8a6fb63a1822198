package dev.live.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The client table: for each client id, the highest mutation sequence applied. It is written in
 * the same transaction as the mutation (see {@link Transaction#claimMutation}), so "applied" and
 * "recorded" commit or roll back together.
 */
final class ClientMutations {
  /** Client ids are chosen by clients; bounded so that the table stays small. */
  static final int MAX_CLIENT_ID_LENGTH = 128;

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
}

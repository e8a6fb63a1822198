package dev.live.examples.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.examples.board.AppSchema;
import dev.live.storage.Store;
import dev.live.storage.StoreOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/**
 * The record of a client's mutations is kept for the client retention after its last mutation:
 * within it a retry is still a duplicate, past it the sweep deletes the record, a bounded number
 * per sweep. The test ages records by setting {@code last_used} back, as the days would.
 */
class ClientRetentionTest extends StoreTestBase {
  private static final Duration RETENTION = Duration.ofDays(30);

  @Override
  StoreOptions options() {
    return StoreOptions.builder().clientRetention(RETENTION).build();
  }

  @Test
  void aRecordPastTheRetentionIsDeletedAndOneWithinItStays() throws SQLException {
    claim("gone", 7);
    claim("kept", 3);
    age("gone", RETENTION.plusHours(1));
    age("kept", RETENTION.minusHours(1));

    assertThat(store.deleteExpiredClients()).isEqualTo(1);
    assertThat(store.lastMutation("gone")).as("a client past the retention is a new client").isZero();
    assertThat(store.lastMutation("kept")).isEqualTo(3);
    assertThat(claim("kept", 3)).as("within the retention a retry is still a duplicate").isFalse();
    assertThat(store.deleteExpiredClients()).as("nothing more is expired").isZero();
  }

  @Test
  void aNewMutationRenewsTheRecordButARetryDoesNot() throws SQLException {
    claim("client", 1);
    age("client", RETENTION.minusHours(1));
    assertThat(claim("client", 1)).as("a retry").isFalse();
    age("client", RETENTION.plusHours(1));
    assertThat(store.deleteExpiredClients()).as("a retry applies nothing and renews nothing").isEqualTo(1);

    claim("client", 1);
    age("client", RETENTION.plusHours(1));
    assertThat(claim("client", 2)).isTrue();
    assertThat(store.deleteExpiredClients()).as("the new mutation renewed the record").isZero();
    assertThat(store.lastMutation("client")).isEqualTo(2);
  }

  @Test
  void oneSweepDeletesAtMostTwentyThousandAndTheNextGoesOn() throws SQLException {
    int expired = 20_500;
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      String numbers = backend == Backend.H2 ? "SELECT X AS n FROM SYSTEM_RANGE(1, " + expired + ")"
          : "SELECT generate_series(1, " + expired + ") AS n";
      statement.execute("INSERT INTO \"live_clients\" (client_id, last_seq, last_used) SELECT 'c' || CAST(n AS VARCHAR(10)),"
          + " 1, CURRENT_TIMESTAMP - INTERVAL '31' DAY FROM (" + numbers + ") numbers");
    }
    claim("fresh", 1);
    assertThat(store.deleteExpiredClients()).isEqualTo(20_000);
    assertThat(store.deleteExpiredClients()).isEqualTo(500);
    assertThat(store.lastMutation("fresh")).isEqualTo(1);
  }

  @Test
  void aTableFromBeforeRetentionGainsTheColumnKeepsItsRowsAndCountsThemFromNow() throws SQLException {
    claim("old", 5);
    store.close();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE \"live_clients\" DROP COLUMN last_used");
    }
    store = Store.open(database.database(), AppSchema.INSTANCE, options());
    assertThat(store.lastMutation("old")).isEqualTo(5);
    assertThat(store.deleteExpiredClients()).as("kept for a whole retention from the upgrade").isZero();
    age("old", RETENTION.plusHours(1));
    assertThat(store.deleteExpiredClients()).isEqualTo(1);
  }

  @Test
  void theRetentionIsBounded() {
    assertThatThrownBy(() -> StoreOptions.builder().clientRetention(Duration.ofMinutes(59)).build())
        .hasMessageContaining("clientRetention is 1 hour to 3650 days");
    assertThatThrownBy(() -> StoreOptions.builder().statementTimeout(Duration.ZERO).build())
        .hasMessageContaining("statementTimeout is 1 ms to 1 hour");
    assertThat(StoreOptions.defaults().clientRetention()).isEqualTo(Duration.ofDays(30));
    assertThat(StoreOptions.defaults().statementTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  /** Sets the client's last use {@code ago} back from now. */
  private void age(String clientId, Duration ago) throws SQLException {
    try (Connection connection = database.connect();
        PreparedStatement update = connection.prepareStatement("UPDATE \"live_clients\" SET last_used = ? WHERE client_id = ?")) {
      update.setObject(1, OffsetDateTime.now().minus(ago));
      update.setString(2, clientId);
      assertThat(update.executeUpdate()).as("the record of %s", clientId).isEqualTo(1);
    }
  }

  private boolean claim(String client, long sequence) {
    return store.withTransaction(tx -> tx.claimMutation(client, sequence));
  }
}

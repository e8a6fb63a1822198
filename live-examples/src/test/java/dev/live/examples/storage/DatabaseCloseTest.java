package dev.live.examples.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.examples.logs.CapturedStderr;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.TeamQuery;
import dev.live.server.LiveServer;
import dev.live.storage.Database;
import dev.live.storage.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Closing a {@link Database} is idempotent: an application that closes what it opened (in a
 * try-with-resources) after the server closed it too sees no warning, and the database is ended
 * once, for good.
 */
class DatabaseCloseTest {
  @RegisterExtension
  final CapturedStderr log = new CapturedStderr();


  @Test
  void closingAnInMemoryDatabaseTheServerClosedLogsNothing() {
    Database database = Database.h2Memory("close_after_server");
    try (database) {
      LiveServer server = LiveServer.builder().schema(AppSchema.INSTANCE).database(database)
          .host("127.0.0.1").port(0).start();
      server.close(); // closes the database it was given
    }
    assertThat(log.text()).as("what closing it again logged").doesNotContain("WARN").doesNotContain("Exception");
  }

  @Test
  void closingTwiceLogsNothingAndTheInMemoryDatabaseIsGone() {
    Database database = Database.h2Memory("close_twice");
    try (Store store = Store.open(database, AppSchema.INSTANCE)) {
      BoardData.seed(store);
      assertThat(store.list(TeamQuery.all())).isNotEmpty();
    }
    database.close();
    database.close();
    assertThat(log.text()).as("what closing twice logged").doesNotContain("WARN").doesNotContain("Exception");
    try (Database again = Database.h2Memory("close_twice"); Store fresh = Store.open(again, AppSchema.INSTANCE)) {
      assertThat(fresh.list(TeamQuery.all())).as("a new database of the same name starts empty").isEmpty();
    }
  }
}

package dev.live.examples.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.examples.board.AppSchema;
import dev.live.examples.board.TeamQuery;
import dev.live.server.LiveServer;
import dev.live.storage.Database;
import dev.live.storage.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Closing a {@link Database} is idempotent: an application that closes what it opened (in a
 * try-with-resources) after the server closed it too sees no warning, and the database is ended
 * once, for good.
 */
class DatabaseCloseTest {
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream original;

  @BeforeEach
  void capture() {
    original = System.err; // slf4j-simple writes to System.err as it is at each call
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void release() {
    System.setErr(original);
  }

  @Test
  void closingAnInMemoryDatabaseTheServerClosedLogsNothing() {
    Database database = Database.h2Memory("close_after_server");
    try (database) {
      LiveServer server = LiveServer.builder().schema(AppSchema.INSTANCE).database(database)
          .host("127.0.0.1").port(0).start();
      server.close(); // closes the database it was given
    }
    assertThat(logs()).as("what closing it again logged").doesNotContain("WARN").doesNotContain("Exception");
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
    assertThat(logs()).as("what closing twice logged").doesNotContain("WARN").doesNotContain("Exception");
    try (Database again = Database.h2Memory("close_twice"); Store fresh = Store.open(again, AppSchema.INSTANCE)) {
      assertThat(fresh.list(TeamQuery.all())).as("a new database of the same name starts empty").isEmpty();
    }
  }

  private String logs() {
    String logs = captured.toString(StandardCharsets.UTF_8);
    original.print(logs); // still visible in the test's output
    return logs;
  }
}

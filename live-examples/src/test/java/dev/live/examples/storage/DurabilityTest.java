package dev.live.examples.storage;

import static dev.live.examples.storage.BoardData.ANN;
import static dev.live.examples.storage.BoardData.BACKLOG;
import static dev.live.examples.storage.BoardData.BOB;
import static dev.live.examples.storage.BoardData.C1;
import static dev.live.examples.storage.BoardData.C2;
import static dev.live.examples.storage.BoardData.C3;
import static dev.live.examples.storage.BoardData.C4;
import static dev.live.examples.storage.BoardData.C5;
import static dev.live.examples.storage.BoardData.CORE;
import static dev.live.examples.storage.BoardData.CYD;
import static dev.live.examples.storage.BoardData.GROWTH;
import static dev.live.examples.storage.BoardData.LAUNCH;
import static dev.live.examples.storage.BoardData.PLANS;
import static dev.live.examples.storage.BoardData.T1;
import static dev.live.examples.storage.BoardData.T2;
import static dev.live.examples.storage.BoardData.T3;
import static dev.live.examples.storage.BoardData.T4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.live.examples.board.AppSchema;
import dev.live.examples.board.BoardQuery;
import dev.live.examples.board.CommentQuery;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.Status;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.examples.board.TeamQuery;
import dev.live.examples.board.UserQuery;
import dev.live.storage.Change;
import dev.live.storage.Database;
import dev.live.storage.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Acknowledged data survives a server restart: rows, the change log and the record of client
 * mutations are there after the store and its database are closed and opened again, and writes
 * go on from where they stopped. H2 runs on a file (in-memory H2 keeps nothing by design);
 * PostgreSQL on a fresh schema, reopened through a second {@link Database} on the same URL.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class DurabilityTest {
  /** T1 after {@link #writeHistory()} updated it. */
  private static final Task T1_DONE = new Task(T1.id(), T1.boardId(), "Launch post, final", Status.DONE,
      T1.assigneeId(), null, T1.position(), T1.estimate(), T1.revision(), T1.labels(), null);

  /** Versions {@link #writeHistory()} writes: 18 inserts, an update, two deletes. */
  private static final long HISTORY = 21;

  @Parameter
  Backend backend;

  @TempDir
  Path directory;

  private TestDatabase postgres;
  private Database database;
  private Store store;

  @BeforeEach
  void start() {
    if (backend == Backend.POSTGRESQL) {
      postgres = backend.create();
      database = postgres.database();
    } else {
      database = Database.h2File(file());
    }
    store = Store.open(database, AppSchema.INSTANCE);
  }

  @AfterEach
  void stop() {
    if (store != null) {
      store.close();
    }
    if (database != null) {
      database.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void rowsAndTheirValuesSurviveARestart() {
    writeHistory();

    restart();

    assertThat(store.list(TeamQuery.all())).containsExactly(CORE, GROWTH);
    assertThat(store.list(UserQuery.all())).containsExactly(ANN, BOB, CYD);
    // Dates, decimals and nulls come back as they were written.
    assertThat(store.list(BoardQuery.all())).containsExactly(LAUNCH, BACKLOG, PLANS);
    // The update stands, the deleted rows stay deleted.
    assertThat(store.list(TaskQuery.all())).containsExactly(T1_DONE, T2, T3, T4);
    assertThat(store.list(CommentQuery.all())).containsExactly(C1, C2, C3, C4);
    if (backend == Backend.H2) {
      assertThat(directory.resolve("board.mv.db")).isRegularFile();
    }
  }

  @Test
  void theChangeLogSurvivesARestart() {
    writeHistory();
    List<Change> before = store.changes().readAfter(0, 100);
    assertThat(before).hasSize((int) HISTORY);

    restart();

    assertThat(store.changes().latestVersion()).isEqualTo(HISTORY);
    assertThat(store.changes().readAfter(0, 100)).isEqualTo(before);
    assertThat(store.changes().readAfter(HISTORY - 3, 100))
        .extracting(Change::version, Change::operation, Change::id, change -> change.row(Task_.COLLECTION).orElse(null))
        .containsExactly(
            tuple(HISTORY - 2, Change.Operation.UPDATE, "t1", T1_DONE),
            tuple(HISTORY - 1, Change.Operation.DELETE, C5.id(), null),
            tuple(HISTORY, Change.Operation.DELETE, "t5", null));
  }

  @Test
  void writesAfterARestartContinueWithHigherVersions() {
    writeHistory();

    restart();
    store.withTransaction(tx -> {
      tx.insert(TaskInsert.builder().id("t6").boardId("b2").title("After the restart").status(Status.TODO)
          .position(2).estimate(1.0).revision(1L).labels(List.of()).build());
      tx.update("t2", TaskUpdate.of().status(Status.DOING));
      return null;
    });

    assertThat(store.changes().readAfter(HISTORY, 100))
        .extracting(Change::version, Change::transactionEnd, Change::operation, Change::id)
        .containsExactly(
            tuple(HISTORY + 1, HISTORY + 2, Change.Operation.INSERT, "t6"),
            tuple(HISTORY + 2, HISTORY + 2, Change.Operation.UPDATE, "t2"));
    assertThat(store.changes().latestVersion()).isEqualTo(HISTORY + 2);

    restart();
    assertThat(store.changes().latestVersion()).isEqualTo(HISTORY + 2);
    assertThat(store.find(TaskQuery.all().one("t6"))).isPresent();
  }

  @Test
  void appliedClientMutationsSurviveARestart() {
    BoardData.seed(store);
    boolean firstTime = store.withTransaction(tx -> {
      boolean claimed = tx.claimMutation("client-a", 7);
      tx.update("t2", TaskUpdate.of().status(Status.DONE));
      return claimed;
    });
    assertThat(firstTime).isTrue();

    restart();

    assertThat(store.lastMutation("client-a")).isEqualTo(7);
    // A retry of mutation 7 after the restart is recognised as applied; the next one is new.
    boolean retryClaimed = store.withTransaction(tx -> tx.claimMutation("client-a", 7));
    boolean nextClaimed = store.withTransaction(tx -> tx.claimMutation("client-a", 8));
    assertThat(retryClaimed).isFalse();
    assertThat(nextClaimed).isTrue();
    assertThat(store.find(TaskQuery.all().one("t2")).orElseThrow().status()).isEqualTo(Status.DONE);
  }

  /**
   * A process that dies (killed, out of memory, power cut) does not close its database. H2's
   * {@code SHUTDOWN IMMEDIATELY} closes the file without writing anything more, as such a death
   * would; a commit Live acknowledged must already be in the file.
   */
  @Test
  void acknowledgedWritesSurviveAnAbruptStop() throws SQLException {
    assumeTrue(backend == Backend.H2, "a PostgreSQL server cannot be killed from a test;"
        + " it makes a commit durable before acknowledging it");
    writeHistory();

    try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + file(), "", "");
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN IMMEDIATELY");
    }
    restart();

    assertThat(store.changes().latestVersion()).isEqualTo(HISTORY);
    assertThat(store.list(TaskQuery.all())).containsExactly(T1_DONE, T2, T3, T4);
    assertThat(store.list(CommentQuery.all())).containsExactly(C1, C2, C3, C4);
  }

  /** Seeds the board, then updates t1 and deletes comment 5 and task t5, one transaction each. */
  private void writeHistory() {
    BoardData.seed(store);
    assertThat(store.update("t1", TaskUpdate.of().title("Launch post, final").status(Status.DONE).due(null)
        .checklist(null))).isEqualTo(T1_DONE);
    store.delete(Comment_.COLLECTION, C5.id());
    store.delete(Task_.COLLECTION, "t5");
    assertThat(store.changes().latestVersion()).isEqualTo(HISTORY);
  }

  /** Closes the store and its database as a stopping server does, and opens both again. */
  private void restart() {
    store.close();
    database.close();
    store = null;
    database = backend == Backend.H2
        ? Database.h2File(file())
        : Database.postgres(postgres.jdbcUrl(), postgres.user(), postgres.password());
    store = Store.open(database, AppSchema.INSTANCE);
  }

  private Path file() {
    return directory.resolve("board").toAbsolutePath().normalize();
  }
}

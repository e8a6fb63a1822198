package dev.live.examples.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.auth.AuthContext;
import dev.live.auth.Rules;
import dev.live.client.LiveClient;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.examples.board.BoardQueries;
import dev.live.examples.board.BoardQueriesClient;
import dev.live.examples.board.CommentRow;
import dev.live.examples.board.CompleteTask;
import dev.live.examples.board.MoveTask;
import dev.live.examples.board.Role;
import dev.live.examples.board.Status;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskProcedures;
import dev.live.examples.board.TaskProceduresClient;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TaskRow;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.examples.board.TeamScope;
import dev.live.examples.storage.BoardData;
import dev.live.server.LiveServer;
import dev.live.subscription.QueryResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * The generated procedure stubs over a live client: a live query procedure's stub method gives
 * typed, live results (includes too), its errors reach the subscriber, and the plain procedures
 * are called over the same connection, with their roles, and their refusals carrying the
 * application's own codes.
 */
class ProcedureStubTest extends ClientTestBase {
  private static final Map<String, AuthContext> USERS = Map.of(
      "u1", TeamScope.member("u1", "team1", Role.ADMIN),
      "u2", TeamScope.member("u2", "team1", Role.MEMBER));
  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder.rules(Rules.none())
        .authenticate(handshake -> handshake.header("X-User").map(USERS::get).orElse(AuthContext.anonymous()))
        .procedures(new BoardQueries(), new TaskProcedures());
  }

  @Test
  void aLiveQueryProcedureStubFollowsTheQueryItReturns() {
    LiveClient client = client("stub");
    Results<Task> results = new Results<>();
    BoardQueriesClient.of(client).openTasks("b1").subscribe(results);
    List<Task> expected = store.list(new BoardQueries().openTasks("b1"));
    assertThat(expected).as("seed data: b1 has open tasks").isNotEmpty();
    results.await("the procedure's rows", result -> result.rows().equals(expected));

    direct("writer").update(Task_.COLLECTION, "t2", TaskUpdate.of().status(Status.DONE)).join();
    results.awaitLatest("t2 done, so no longer open",
        result -> result.rows().equals(store.list(new BoardQueries().openTasks("b1"))));
    assertThat(results.latest().rows()).extracting(Task::id).doesNotContain("t2");
  }

  @Test
  void aSingleRowProcedureWithIncludesGivesTypedRows() {
    LiveClient client = client("single");
    Results<TaskRow> results = new Results<>();
    BoardQueriesClient.of(client).taskWithComments("t1").subscribe(results);
    QueryResult<TaskRow> result = results.await("t1 with its comments", r -> r.rows().size() == 1);
    assertThat(result.first().orElseThrow().comments()).extracting(CommentRow::value)
        .as("oldest first, as the procedure orders them")
        .containsExactly(BoardData.C1, BoardData.C2, BoardData.C3);
  }

  @Test
  void aProcedureRefusingTheCallerReachesTheSubscribersErrorHandler() {
    LiveClient anonymous = client("anonymous");
    CompletableFuture<LiveException> error = new CompletableFuture<>();
    BoardQueriesClient.of(anonymous).myTasks().subscribe(result -> {}, error::complete);
    assertThat(error.join().code()).isEqualTo(ErrorCode.UNAUTHENTICATED);

    LiveClient ann = client(options().clientId("ann").header("X-User", () -> "u1").build());
    Results<TaskRow> results = new Results<>();
    BoardQueriesClient.of(ann).myTasks().subscribe(results);
    QueryResult<TaskRow> mine = results.await("ann's tasks", result -> !result.rows().isEmpty());
    assertThat(mine.rows()).allSatisfy(row -> {
      assertThat(row.value().assigneeId()).isEqualTo("u1");
      assertThat(row.board()).as("the board is included").hasValueSatisfying(
          board -> assertThat(board.value().id()).isEqualTo(row.value().boardId()));
    });
  }

  @Test
  void plainProcedureStubsRunOverTheSameClient() {
    LiveClient client = client(options().clientId("caller").header("X-User", () -> "u2").build());
    TaskProceduresClient procedures = TaskProceduresClient.of(client);
    assertThat(procedures.countOpen("b1").join()).isEqualTo(2);
    Task moved = procedures.move(new MoveTask("t2", Status.DONE, 7)).join();
    assertThat(moved.status()).isEqualTo(Status.DONE);
    assertThat(procedures.countOpen("b1").join()).isEqualTo(1);
  }

  @Test
  void anApplicationsRefusalReachesTheStubsCallerWithItsCode() {
    TaskProceduresClient procedures = proceduresOf("u2");
    assertThatThrownBy(() -> procedures.complete(new CompleteTask("t3")).join())
        .isInstanceOf(CompletionException.class)
        .cause().isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).as("Live's code").isEqualTo(ErrorCode.REJECTED);
          assertThat(e.appCode()).as("the application's").contains("ALREADY_DONE");
          assertThat(e).hasToString("dev.live.error.LiveException: REJECTED (ALREADY_DONE): task 't3' is done already");
        });
    assertThat(procedures.countOpen("b1").join()).as("the connection goes on").isEqualTo(2);
  }

  @Test
  void rolesDeclaredOnTheProcedureRefuseAStubsCallerWithoutOne() {
    TaskProceduresClient bob = proceduresOf("u2");
    assertThatThrownBy(() -> bob.archiveBoard("b2").join())
        .cause().isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
          assertThat(e.getMessage()).isEqualTo("procedure 'archiveBoard' needs the role ADMIN");
        });
    TaskProceduresClient ann = proceduresOf("u1");
    assertThat(ann.archiveBoard("b2").join()).isNull();
    assertThat(store.list(TaskQuery.where(Task_.boardId.eq("b2")))).isEmpty();
  }

  private TaskProceduresClient proceduresOf(String user) {
    return TaskProceduresClient.of(client(options().clientId(user).header("X-User", () -> user).build()));
  }
}

package dev.live.examples.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import dev.live.annotations.Procedure;
import dev.live.auth.AuthContext;
import dev.live.error.ErrorCode;
import dev.live.examples.storage.BoardData;
import dev.live.error.LiveException;
import dev.live.json.DecodeException;
import dev.live.json.LiveJson;
import dev.live.procedure.InProcessCaller;
import dev.live.procedure.ProcedureContext;
import dev.live.procedure.ProcedureDispatcher;
import dev.live.storage.Database;
import dev.live.storage.Store;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Generated client stub → JSON → generated dispatcher → the procedure, and back, in process, on a
 * store with the board data: team 1 has boards b1 (t1–t3) and b2 (t4), team 2 has b3 (t5).
 */
class ProcedureTest {
  private static final AuthContext ANN = TeamScope.member("u1", "team1", Role.ADMIN);
  private static final AuthContext BOB = TeamScope.member("u2", "team1", Role.MEMBER);

  private Database database;
  private Store store;
  private final TaskProceduresDispatcher dispatcher = new TaskProceduresDispatcher(new TaskProcedures());

  @BeforeEach
  void setUp() {
    database = Database.h2Memory("procedures-" + UUID.randomUUID());
    store = Store.open(database, AppSchema.INSTANCE);
    BoardData.seed(store);
  }

  @AfterEach
  void tearDown() {
    store.close();
    database.close();
  }

  private TaskProceduresClient client(AuthContext auth) {
    return TaskProceduresClient.of(new InProcessCaller(dispatcher, ProcedureContext.of(auth, store)));
  }

  @Test
  void recordInputAndRecordOutputTravelThroughJson() {
    Task done = client(BOB).complete(new CompleteTask("t1")).join();
    assertThat(done.status()).isEqualTo(Status.DONE);
    assertThat(done.revision()).isEqualTo(2);
    assertThat(store.find(TaskQuery.all().one("t1"))).contains(done);
  }

  @Test
  void scalarInputAndListOrPrimitiveOutputs() {
    TaskProceduresClient client = client(BOB);
    assertThat(client.countOpen("b1").join()).isEqualTo(2);
    assertThat(client.overdue(Instant.parse("2027-01-01T00:00:00Z")).join()).as("team 1's, not t5")
        .containsExactly(BoardData.T1, BoardData.T4);
    assertThat(client.move(new MoveTask("t2", Status.DOING, 5)).join().position()).isEqualTo(5);
  }

  @Test
  void voidProcedureCompletesWithNullAndItsRolesApplyInProcessToo() {
    assertThatThrownBy(() -> client(BOB).archiveBoard("b1").join())
        .isInstanceOf(CompletionException.class)
        .cause().isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
          assertThat(e.getMessage()).isEqualTo("procedure 'archiveBoard' needs the role ADMIN");
        });
    assertThat(store.list(TaskQuery.where(Task_.boardId.eq("b1")))).as("refused before it ran").hasSize(3);
    assertThat(client(ANN).archiveBoard("b1").join()).isNull();
    assertThat(store.list(TaskQuery.where(Task_.boardId.eq("b1")))).isEmpty();
    assertThat(store.list(CommentQuery.where(Comment_.taskId.in(List.of("t1", "t3"))))).as("their comments")
        .isEmpty();
  }

  @Test
  void typedErrorsOfTheProcedurePassThroughWithTheirCode() {
    assertThatThrownBy(() -> client(BOB).complete(new CompleteTask("nope")).join())
        .cause().isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(e.getMessage()).isEqualTo("no task with id 'nope'");
        });
  }

  @Test
  void anApplicationsRefusalKeepsItsOwnCodeApartFromLivesCode() {
    assertThatThrownBy(() -> client(BOB).complete(new CompleteTask("t3")).join())
        .cause().isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.REJECTED);
          assertThat(e.appCode()).contains("ALREADY_DONE");
          assertThat(e.getMessage()).isEqualTo("task 't3' is done already");
        });
    assertThat(store.find(TaskQuery.all().one("t3"))).contains(BoardData.T3);
  }

  @Test
  void aTaskOfAnotherTeamIsNotFoundAndStaysAsItWas() {
    for (AuthContext caller : List.of(BOB, AuthContext.anonymous())) {
      assertThatThrownBy(() -> client(caller).move(new MoveTask("t5", Status.DONE, 1)).join())
          .cause().isInstanceOfSatisfying(LiveException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo("no task with id 't5'");
          });
      assertThatThrownBy(() -> client(caller).complete(new CompleteTask("t5")).join())
          .cause().isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
    assertThatThrownBy(() -> client(ANN).archiveBoard("b3").join())
        .cause().isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(e.getMessage()).isEqualTo("no board with id 'b3'");
        });
    assertThat(client(BOB).countOpen("b3").join()).isZero();
    assertThat(store.find(TaskQuery.all().one("t5"))).contains(BoardData.T5);
  }

  @Test
  void unknownProcedureNamesWhatExists() {
    assertThatThrownBy(() -> dispatcher.call("completeAll", null, ProcedureContext.of(AuthContext.anonymous())))
        .isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PROCEDURE);
          assertThat(e.getMessage()).isEqualTo(
              "unknown procedure 'completeAll'; this service has: complete, move, overdue, countOpen, archiveBoard");
        });
  }

  @Test
  void inputIsValidatedByTheGeneratedCodecWithItsPath() throws Exception {
    assertThatThrownBy(() -> call("complete", "{\"taskId\":42}"))
        .isInstanceOfSatisfying(DecodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.WRONG_TYPE);
          assertThat(e.path()).isEqualTo("input.taskId");
        });
    assertThatThrownBy(() -> call("complete", null))
        .isInstanceOfSatisfying(DecodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD);
          assertThat(e.getMessage()).isEqualTo("input: procedure 'complete' requires an input of type CompleteTask");
        });
    assertThatThrownBy(() -> call("countOpen", "7"))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_TYPE));
  }

  @Test
  void anUnexpectedExceptionBecomesProcedureFailedKeepingTheCause() {
    // A context without data access: the procedure's call of data() throws IllegalStateException.
    ProcedureDispatcher withoutData = new TaskProceduresDispatcher(new TaskProcedures());
    assertThatThrownBy(() -> withoutData.call("countOpen", parser("\"b1\""), ProcedureContext.of(BOB)))
        .isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PROCEDURE_FAILED);
          assertThat(e.getMessage()).isEqualTo("procedure 'countOpen' failed");
          assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
        });
  }

  @Test
  void descriptorsDescribeNamesKindsAndTypes() {
    assertThat(TaskProcedures_.overdue.kind()).isEqualTo(Procedure.Kind.QUERY);
    assertThat(TaskProcedures_.complete.kind()).isEqualTo(Procedure.Kind.MUTATION);
    assertThat(TaskProcedures_.archiveBoard.output()).isEmpty();
    assertThat(TaskProcedures_.overdue.output().orElseThrow().typeName()).isEqualTo("List<Task>");
    assertThat(TaskProcedures_.countOpen.input().orElseThrow().typeName()).isEqualTo("String");
    assertThat(TaskProcedures_.archiveBoard.roles()).as("@Procedure(roles = Role.ADMIN_ROLE)")
        .containsExactly(Role.ADMIN.name());
    assertThat(TaskProcedures_.complete.roles()).as("no roles: every caller").isEmpty();
    assertThat(dispatcher.procedures()).extracting(p -> p.name())
        .containsExactly("complete", "move", "overdue", "countOpen", "archiveBoard");
  }

  private Object call(String name, String inputJson) throws Exception {
    return dispatcher.call(name, inputJson == null ? null : parser(inputJson),
        ProcedureContext.of(AuthContext.anonymous())).value();
  }

  private static JsonParser parser(String json) throws Exception {
    JsonParser in = LiveJson.factory().createParser(json);
    in.nextToken();
    return in;
  }

}

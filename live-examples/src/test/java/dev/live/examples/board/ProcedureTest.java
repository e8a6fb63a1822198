package dev.live.examples.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import dev.live.annotations.Procedure;
import dev.live.auth.AuthContext;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.json.DecodeException;
import dev.live.json.LiveJson;
import dev.live.procedure.InProcessCaller;
import dev.live.procedure.ProcedureContext;
import dev.live.procedure.ProcedureDispatcher;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Generated client stub → JSON → generated dispatcher → the procedure, and back, in process. */
class ProcedureTest {
  private final Map<String, Task> tasks = new ConcurrentHashMap<>();
  private TaskProceduresDispatcher dispatcher;

  @BeforeEach
  void setUp() {
    tasks.put("t1", Samples.task());
    tasks.put("t2", Samples.bareTask());
    dispatcher = new TaskProceduresDispatcher(new TaskProcedures(tasks));
  }

  private TaskProceduresClient client(AuthContext auth) {
    return TaskProceduresClient.of(new InProcessCaller(dispatcher, ProcedureContext.of(auth)));
  }

  @Test
  void recordInputAndRecordOutputTravelThroughJson() {
    Task done = client(AuthContext.anonymous()).complete(new CompleteTask("t1")).join();
    assertThat(done.status()).isEqualTo(Status.DONE);
    assertThat(done.revision()).isEqualTo(8);
    assertThat(tasks.get("t1")).isEqualTo(done);
  }

  @Test
  void scalarInputAndListOrPrimitiveOutputs() {
    TaskProceduresClient client = client(AuthContext.anonymous());
    assertThat(client.countOpen("b1").join()).isEqualTo(2);
    assertThat(client.overdue(Instant.parse("2027-01-01T00:00:00Z")).join()).containsExactly(Samples.task());
    assertThat(client.move(new MoveTask("t2", Status.DOING, 5)).join().position()).isEqualTo(5);
  }

  @Test
  void voidProcedureCompletesWithNullAndTheContextCarriesTheCaller() {
    assertThatThrownBy(() -> client(AuthContext.user("u1")).archiveBoard("b1").join())
        .isInstanceOf(CompletionException.class)
        .cause().isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
          assertThat(e.getMessage()).isEqualTo("archiving a board needs the role ADMIN");
        });
    assertThat(client(AuthContext.user("u1", "ADMIN")).archiveBoard("b1").join()).isNull();
    assertThat(tasks).isEmpty();
  }

  @Test
  void typedErrorsOfTheProcedurePassThroughWithTheirCode() {
    assertThatThrownBy(() -> client(AuthContext.anonymous()).complete(new CompleteTask("nope")).join())
        .cause().isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(e.getMessage()).isEqualTo("no task with id 'nope'");
        });
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
    ProcedureDispatcher broken = new TaskProceduresDispatcher(new TaskProcedures(null));
    assertThatThrownBy(() -> broken.call("countOpen", parser("\"b1\""), ProcedureContext.of(AuthContext.anonymous())))
        .isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PROCEDURE_FAILED);
          assertThat(e.getMessage()).isEqualTo("procedure 'countOpen' failed");
          assertThat(e.getCause()).isInstanceOf(NullPointerException.class);
        });
  }

  @Test
  void descriptorsDescribeNamesKindsAndTypes() {
    assertThat(TaskProcedures_.overdue.kind()).isEqualTo(Procedure.Kind.QUERY);
    assertThat(TaskProcedures_.complete.kind()).isEqualTo(Procedure.Kind.MUTATION);
    assertThat(TaskProcedures_.archiveBoard.output()).isEmpty();
    assertThat(TaskProcedures_.overdue.output().orElseThrow().typeName()).isEqualTo("List<Task>");
    assertThat(TaskProcedures_.countOpen.input().orElseThrow().typeName()).isEqualTo("String");
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

package dev.live.examples.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.auth.AuthContext;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.procedure.InProcessCaller;
import dev.live.procedure.ProcedureCall;
import dev.live.procedure.ProcedureContext;
import dev.live.procedure.ProcedureDescriptor;
import dev.live.procedure.ProcedureDispatcher;
import dev.live.procedure.ProcedureResult;
import dev.live.query.TypedQuery;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Live query procedures in process: the descriptor marks them live, the dispatcher hands back
 * the query they built and refuses anything else, and their result is never encoded as a value.
 */
class LiveQueryProcedureDispatchTest {
  private final ProcedureContext anonymous = ProcedureContext.of(AuthContext.anonymous());

  @Test
  void descriptorsMarkLiveQueryProceduresWithTheCollectionTheyRead() {
    assertThat(BoardQueries_.openTasks.isLiveQuery()).isTrue();
    assertThat(BoardQueries_.openTasks.liveQuery()).contains(Task_.COLLECTION);
    assertThat(BoardQueries_.openTasks.output()).isEmpty();
    assertThat(TaskProcedures_.countOpen.isLiveQuery()).isFalse();
  }

  @Test
  void inProcessCallerCompletesWithTheQueryTheProcedureBuilt() {
    InProcessCaller caller = new InProcessCaller(new BoardQueriesDispatcher(new BoardQueries()), anonymous);
    TypedQuery<Task, ?> query = caller.call(BoardQueries_.openTasks, "b1").join();
    assertThat(query).isEqualTo(new BoardQueries().openTasks("b1"));
  }

  @Test
  void resultOfALiveQueryProcedureIsNotWrittenAsAValue() {
    ProcedureResult result = new BoardQueriesDispatcher(new BoardQueries())
        .call(new ProcedureCall(BoardQueries_.openTasks, "b1"), anonymous);
    assertThat(result.liveQuery()).contains(new BoardQueries().openTasks("b1"));
    assertThatThrownBy(() -> result.writeValue(dev.live.json.LiveJson.factory().createGenerator(new StringWriter())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("returns a live query");
  }

  @Test
  void aQueryOverAnotherCollectionOrNoQueryIsAFailedProcedure() {
    assertThat(failure(BoardQuery.all())).hasMessage("procedure 'tasks' returned a query over boards; it is declared"
        + " to return one over tasks");
    assertThat(failure(null)).hasMessage("procedure 'tasks' returned null; a live query procedure returns a query"
        + " over tasks");
  }

  private static LiveException failure(@Nullable Object returned) {
    ProcedureDescriptor<Void, TypedQuery<Task, ?>> tasks = ProcedureDescriptor.liveQuery("tasks", Optional.empty(),
        Task_.COLLECTION);
    ProcedureDispatcher dispatcher = new ProcedureDispatcher(List.of(tasks)) {
      @Override
      protected @Nullable Object invoke(String name, @Nullable Object input, ProcedureContext context) {
        return returned;
      }
    };
    try {
      dispatcher.call(new ProcedureCall(tasks, null), ProcedureContext.of(AuthContext.anonymous()));
    } catch (LiveException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.PROCEDURE_FAILED);
      return e;
    }
    throw new AssertionError("the dispatcher accepted " + returned);
  }
}

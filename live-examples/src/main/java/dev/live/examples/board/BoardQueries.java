package dev.live.examples.board;

import dev.live.annotations.Procedure;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.procedure.ProcedureContext;
import dev.live.query.SingleQuery;

/**
 * Live query procedures: each builds a query from its input and the caller, and a client that
 * subscribes to the procedure gets that query's result kept current, as if it had subscribed to
 * the query itself, within its read rules. The server decides the filter (the caller's own tasks,
 * say); the client names the procedure and learns the query from the snapshot.
 */
public class BoardQueries {
  /** The tasks of a board that are not done, in board order. */
  @Procedure(kind = Procedure.Kind.QUERY)
  public TaskQuery<Task> openTasks(String boardId) {
    return TaskQuery.where(Task_.boardId.eq(boardId))
        .and(Task_.status.ne(Status.DONE))
        .orderBy(Task_.position.asc(), Task_.id.asc());
  }

  /** The caller's tasks with their board, soonest due first; for signed-in users. */
  @Procedure(kind = Procedure.Kind.QUERY)
  public TaskQuery<TaskRow> myTasks(ProcedureContext context) {
    String userId = context.auth().userId().orElseThrow(() ->
        new LiveException(ErrorCode.UNAUTHENTICATED, "myTasks lists the caller's tasks: sign in first"));
    return TaskQuery.where(Task_.assigneeId.eq(userId))
        .orderBy(Task_.due.asc(), Task_.id.asc())
        .include(Task_.board);
  }

  /** One task with its comments, oldest first. */
  @Procedure(kind = Procedure.Kind.QUERY)
  public SingleQuery<Task, TaskRow> taskWithComments(String taskId) {
    return TaskQuery.all()
        .include(Task_.comments.orderBy(Comment_.createdAt.asc()))
        .one(taskId);
  }
}

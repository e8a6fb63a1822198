package dev.live.examples.board;

import dev.live.annotations.Procedure;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.procedure.DataAccess;
import dev.live.procedure.ProcedureContext;
import java.time.Instant;
import java.util.List;

/**
 * The board's procedures. Each runs in the transaction the server gives the call ({@link
 * ProcedureContext#data()}), so its reads and writes commit together and reach subscribers after
 * the commit. Procedures are trusted code that the write rules do not check, so they keep to the
 * caller's team themselves: a task on another team's board is {@code NOT_FOUND}, as if it did not
 * exist, which is what the read rules make of it for clients too.
 */
public class TaskProcedures {
  /**
   * Marks a task done; a task done already is refused with the application's code {@code
   * ALREADY_DONE}, which a page can tell apart from Live's own errors (someone else was quicker).
   */
  @Procedure
  public Task complete(CompleteTask input, ProcedureContext context) {
    Task task = teamTask(context, input.taskId());
    if (task.status() == Status.DONE) {
      throw LiveException.of("ALREADY_DONE", "task '" + task.id() + "' is done already");
    }
    return context.data().update(task.id(),
        TaskUpdate.of().status(Status.DONE).revision(task.revision() + 1));
  }

  /** Moves a task to another column and position. */
  @Procedure
  public Task move(MoveTask input, ProcedureContext context) {
    Task task = teamTask(context, input.taskId());
    return context.data().update(task.id(), TaskUpdate.of().status(input.status()).position(input.position())
        .revision(task.revision() + 1));
  }

  /** The caller's team's tasks not done whose due time is before {@code now}, soonest first. */
  @Procedure(kind = Procedure.Kind.QUERY)
  public List<Task> overdue(Instant now, ProcedureContext context) {
    return context.data().list(TaskQuery.where(TeamScope.tasks(context.auth()))
        .and(Task_.status.ne(Status.DONE))
        .and(Task_.due.lt(now))
        .orderBy(Task_.due.asc(), Task_.id.asc()));
  }

  /** How many tasks of a board are not done; 0 for a board of another team. */
  @Procedure(kind = Procedure.Kind.QUERY)
  public int countOpen(String boardId, ProcedureContext context) {
    return context.data().list(TaskQuery.where(TeamScope.tasks(context.auth()))
        .and(Task_.boardId.eq(boardId))
        .and(Task_.status.ne(Status.DONE))).size();
  }

  /**
   * Removes every task of a board with their comments; for admins (the server refuses other callers
   * with {@code FORBIDDEN} before the procedure runs) of the board's team only.
   */
  @Procedure(name = "archiveBoard", roles = Role.ADMIN_ROLE)
  public void archive(String boardId, ProcedureContext context) {
    DataAccess data = context.data();
    if (data.find(BoardQuery.where(TeamScope.boards(context.auth())).one(boardId)).isEmpty()) {
      throw new LiveException(ErrorCode.NOT_FOUND, "no board with id '" + boardId + "'");
    }
    for (Task task : data.list(TaskQuery.where(Task_.boardId.eq(boardId)))) {
      TaskCascade.deleteComments(data, task.id());
      data.delete(Task_.COLLECTION, task.id());
    }
  }

  private static Task teamTask(ProcedureContext context, String taskId) {
    return context.data().find(TaskQuery.where(TeamScope.tasks(context.auth())).one(taskId))
        .orElseThrow(() -> new LiveException(ErrorCode.NOT_FOUND, "no task with id '" + taskId + "'"));
  }
}

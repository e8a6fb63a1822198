package dev.live.examples.board;

import dev.live.annotations.Procedure;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.procedure.ProcedureContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The board's procedures. They work on the map of tasks they are given; once Live's storage
 * layer exists they will use its data API and run in a transaction.
 */
public class TaskProcedures {
  private final Map<String, Task> tasks;

  /** Procedures over {@code tasks}, by id; the map must be safe for concurrent use. */
  public TaskProcedures(Map<String, Task> tasks) {
    this.tasks = tasks;
  }

  /** Marks a task done. */
  @Procedure
  public Task complete(CompleteTask input, ProcedureContext context) {
    return tasks.compute(input.taskId(), (id, task) -> {
      if (task == null) {
        throw notFound(id);
      }
      return TaskUpdate.of().status(Status.DONE).revision(task.revision() + 1).applyTo(task);
    });
  }

  /** Moves a task to another column and position. */
  @Procedure
  public Task move(MoveTask input) {
    return tasks.compute(input.taskId(), (id, task) -> {
      if (task == null) {
        throw notFound(id);
      }
      return TaskUpdate.of().status(input.status()).position(input.position())
          .revision(task.revision() + 1).applyTo(task);
    });
  }

  /** Tasks not done whose due time is before {@code now}, soonest first. */
  @Procedure(kind = Procedure.Kind.QUERY)
  public List<Task> overdue(Instant now) {
    return tasks.values().stream()
        .filter(t -> t.status() != Status.DONE && t.due() != null && t.due().isBefore(now))
        .sorted(Comparator.comparing(Task::due).thenComparing(Task::id))
        .toList();
  }

  /** How many tasks of a board are not done. */
  @Procedure(kind = Procedure.Kind.QUERY)
  public int countOpen(String boardId) {
    return (int) tasks.values().stream()
        .filter(t -> t.boardId().equals(boardId) && t.status() != Status.DONE)
        .count();
  }

  /** Removes every task of a board; for admins only. */
  @Procedure(name = "archiveBoard")
  public void archive(String boardId, ProcedureContext context) {
    if (!context.auth().hasRole(Role.ADMIN.name())) {
      throw new LiveException(ErrorCode.FORBIDDEN, "archiving a board needs the role ADMIN");
    }
    tasks.values().removeIf(t -> t.boardId().equals(boardId));
  }

  private static LiveException notFound(String taskId) {
    return new LiveException(ErrorCode.NOT_FOUND, "no task with id '" + taskId + "'");
  }
}

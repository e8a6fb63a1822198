package dev.live.examples.board;

import dev.live.procedure.DataAccess;
import dev.live.storage.Hooks;

/**
 * Deleting a task deletes its comments first: storage refuses to delete a row that others still
 * refer to ({@code STILL_REFERENCED}), and a comment without its task means nothing. The app
 * installs {@link #hooks()} so that a client's delete cascades too, in the delete's transaction.
 */
public final class TaskCascade {
  private TaskCascade() {}

  /** A before-delete hook on tasks that deletes the task's comments. */
  public static Hooks hooks() {
    return Hooks.builder()
        .beforeDelete(Task_.COLLECTION, (tx, task) -> deleteComments(tx, task.id()))
        .build();
  }

  /** Deletes the comments of task {@code taskId} through {@code data}. */
  public static void deleteComments(DataAccess data, String taskId) {
    for (Comment comment : data.list(CommentQuery.where(Comment_.taskId.eq(taskId)))) {
      data.delete(Comment_.COLLECTION, comment.id());
    }
  }
}

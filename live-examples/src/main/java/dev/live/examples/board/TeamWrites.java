package dev.live.examples.board;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.server.Middleware;
import org.jspecify.annotations.Nullable;

/**
 * Keeps clients' new tasks and comments inside their team: a task goes on a board of the
 * caller's team, a comment on a task of it, and a task is assigned to a member of the team. An insert rule sees only the new row, which names
 * its board or task but not that one's team; this middleware reads it, in the insert's own
 * transaction, before the write rules run. The refusal does not say whether the board or task
 * exists elsewhere.
 */
public final class TeamWrites implements Middleware {
  @Override
  public Object handle(Invocation invocation, Next next) {
    if (invocation.operation().equals("insert")) {
      if (invocation.input() instanceof TaskInsert task) {
        requireTeamBoard(invocation, task.boardId());
        requireTeamMember(invocation, task.assigneeId());
      } else if (invocation.input() instanceof CommentInsert comment) {
        requireTeamTask(invocation, comment.taskId());
      }
    } else if (invocation.operation().equals("update") && invocation.input() instanceof TaskUpdate update
        && update.isSet(Task_.assigneeId)) {
      requireTeamMember(invocation, update.get(Task_.assigneeId));
    }
    return next.proceed();
  }

  private static void requireTeamMember(Invocation invocation, @Nullable String userId) {
    if (userId != null
        && invocation.data().find(UserQuery.where(TeamScope.users(invocation.auth())).one(userId)).isEmpty()) {
      throw new LiveException(ErrorCode.FORBIDDEN, "a task is assigned to a member of your team, and '" + userId
          + "' is not one");
    }
  }

  private static void requireTeamBoard(Invocation invocation, String boardId) {
    if (invocation.data().find(BoardQuery.where(TeamScope.boards(invocation.auth())).one(boardId)).isEmpty()) {
      throw new LiveException(ErrorCode.FORBIDDEN, "a task goes on a board of your team, and '" + boardId
          + "' is not one");
    }
  }

  private static void requireTeamTask(Invocation invocation, String taskId) {
    if (invocation.data().find(TaskQuery.where(TeamScope.tasks(invocation.auth())).one(taskId)).isEmpty()) {
      throw new LiveException(ErrorCode.FORBIDDEN, "a comment goes on a task of your team, and '" + taskId
          + "' is not one");
    }
  }
}

package dev.live.examples.app;

import static dev.live.examples.app.Failures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.live.client.LiveClient;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.examples.board.Board;
import dev.live.examples.board.BoardInsert;
import dev.live.examples.board.Comment;
import dev.live.examples.board.CommentInsert;
import dev.live.examples.board.CommentQuery;
import dev.live.examples.board.CommentUpdate;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.MoveTask;
import dev.live.examples.board.Role;
import dev.live.examples.board.Status;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.TaskProceduresClient;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.examples.board.UserUpdate;
import dev.live.examples.board.User_;
import dev.live.procedure.DataAccess;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What clients may write: tasks and comments within their team, deletes of tasks by admins
 * only, comments by their author only, nothing else; and procedures keep to the team too.
 */
class TeamWriteRulesTest extends BoardAppTestBase {
  @Test
  void aMemberMayNotDeleteATaskAnAdminMayWithItsComments() {
    LiveException refused = failure(as("u-bob").delete(Task_.COLLECTION, "task-2"));
    assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refused.getMessage()).isEqualTo("the delete rule of tasks does not allow this delete");
    assertThat(data().find(TaskQuery.all().one("task-2"))).isPresent();

    as("u-ann").delete(Task_.COLLECTION, "task-1").join();
    assertThat(data().find(TaskQuery.all().one("task-1"))).isEmpty();
    assertThat(data().list(CommentQuery.where(Comment_.taskId.eq("task-1")))).as("its comments").isEmpty();
  }

  @Test
  void anAdminMayNotDeleteAnotherTeamsTask() {
    assertThat(failure(as("u-ann").delete(Task_.COLLECTION, "task-9")).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(data().find(TaskQuery.all().one("task-9"))).isPresent();
  }

  @Test
  void tasksGoOnTheCallersTeamsBoardsAndStayThere() {
    LiveClient bob = as("u-bob");
    LiveException elsewhere = failure(bob.insert(TeamReadRulesTest.task("t-x", "campaigns")));
    assertThat(elsewhere.code()).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(elsewhere.getMessage()).isEqualTo("a task goes on a board of your team, and 'campaigns' is not one");
    assertThat(failure(bob.insert(TeamReadRulesTest.task("t-y", "no-such-board"))).getMessage())
        .as("the same answer whether the board exists or not")
        .isEqualTo("a task goes on a board of your team, and 'no-such-board' is not one");
    bob.insert(TeamReadRulesTest.task("t-z", "launch")).join();

    assertThat(failure(bob.update(Task_.COLLECTION, "t-z", TaskUpdate.of().boardId("website"))).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(failure(bob.update(Task_.COLLECTION, "task-9", TaskUpdate.of().title("mine now"))).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(bob.update(Task_.COLLECTION, "task-2", TaskUpdate.of().assigneeId("u-cat")).join().assigneeId())
        .isEqualTo("u-cat");
  }

  @Test
  void tasksAreAssignedToMembersOfTheTeam() {
    LiveClient bob = as("u-bob");
    LiveException outsider = failure(bob.update(Task_.COLLECTION, "task-2", TaskUpdate.of().assigneeId("u-dan")));
    assertThat(outsider.code()).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(outsider.getMessage()).isEqualTo("a task is assigned to a member of your team, and 'u-dan' is not one");
    assertThat(data().find(TaskQuery.all().one("task-2")).orElseThrow().assigneeId()).isNotEqualTo("u-dan");
    TaskInsert assigned = TaskInsert.builder().id("t-a").boardId("launch").title("Assigned away").status(Status.TODO)
        .assigneeId("u-eve").position(9).estimate(1).revision(1).labels(List.of()).build();
    assertThat(failure(bob.insert(assigned)).getMessage())
        .isEqualTo("a task is assigned to a member of your team, and 'u-eve' is not one");
    assertThat(bob.update(Task_.COLLECTION, "task-2", TaskUpdate.of().assigneeId(null)).join().assigneeId()).isNull();
  }

  @Test
  void commentsAreWrittenByTheirAuthorOnTheirTeamsTasks() {
    LiveClient bob = as("u-bob");
    UUID id = UUID.randomUUID();
    bob.insert(comment(id, "task-2", "u-bob")).join();
    assertThat(failure(bob.insert(comment(UUID.randomUUID(), "task-2", "u-ann"))).code()).as("as Ann")
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(failure(bob.insert(comment(UUID.randomUUID(), "task-9", "u-bob"))).getMessage())
        .isEqualTo("a comment goes on a task of your team, and 'task-9' is not one");

    assertThat(bob.update(Comment_.COLLECTION, id, CommentUpdate.of().body("edited")).join().body()).isEqualTo("edited");
    assertThat(failure(bob.update(Comment_.COLLECTION, id, CommentUpdate.of().taskId("task-1"))).code())
        .as("only the body changes").isEqualTo(ErrorCode.FORBIDDEN);
    LiveClient ann = as("u-ann");
    assertThat(failure(ann.update(Comment_.COLLECTION, id, CommentUpdate.of().body("Ann's now"))).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(failure(ann.delete(Comment_.COLLECTION, id)).code()).isEqualTo(ErrorCode.FORBIDDEN);
    bob.delete(Comment_.COLLECTION, id).join();
    assertThat(data().find(CommentQuery.all().one(id))).isEmpty();
  }

  @Test
  void boardsUsersAndTeamsAreNotWritableByClients() {
    LiveClient ann = as("u-ann");
    assertThat(failure(ann.insert(BoardInsert.of(new Board("mine", "Mine", "team-core", null, null, Instant.now()))))
        .code()).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(failure(as("u-bob").update(User_.COLLECTION, "u-bob", UserUpdate.of().role(Role.ADMIN))).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  void proceduresKeepToTheCallersTeam() {
    TaskProceduresClient bob = TaskProceduresClient.of(as("u-bob"));
    assertThat(bob.move(new MoveTask("task-2", Status.DOING, 1)).join().status()).isEqualTo(Status.DOING);
    assertThat(failure(bob.move(new MoveTask("task-9", Status.DONE, 1))).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failure(TaskProceduresClient.of(client(null)).complete(new dev.live.examples.board.CompleteTask("task-2")))
        .code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(data().find(TaskQuery.all().one("task-9")).orElseThrow().status()).isEqualTo(Status.TODO);
  }

  private DataAccess data() {
    return app.server().data();
  }

  private static CommentInsert comment(UUID id, String taskId, String authorId) {
    return CommentInsert.of(new Comment(id, taskId, authorId, "A comment", Instant.parse("2026-01-01T00:00:00Z")));
  }
}

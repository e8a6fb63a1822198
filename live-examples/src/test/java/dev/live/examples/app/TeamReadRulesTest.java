package dev.live.examples.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.live.client.LiveClient;
import dev.live.examples.board.Board;
import dev.live.examples.board.BoardQuery;
import dev.live.examples.board.Comment;
import dev.live.examples.board.CommentQuery;
import dev.live.examples.board.CommentRow;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.Status;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TaskRow;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.examples.board.Team;
import dev.live.examples.board.TeamQuery;
import dev.live.examples.board.User;
import dev.live.examples.board.UserQuery;
import dev.live.examples.board.User_;
import dev.live.subscription.QueryResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A user of one team never sees another team's boards, tasks, comments or members: not in a
 * query, not through an include or a relation condition, not in a live result as the other team
 * writes.
 */
class TeamReadRulesTest extends BoardAppTestBase {
  @Test
  void eachTeamReadsItsOwnBoardsTasksCommentsAndMembers() {
    LiveClient ann = as("u-ann");
    assertThat(ann.query(BoardQuery.all()).get().join()).extracting(Board::id).containsExactlyInAnyOrder("launch", "website");
    assertThat(ann.query(TaskQuery.all()).get().join()).extracting(Task::boardId).containsOnly("launch", "website")
        .hasSize(8);
    assertThat(ann.query(CommentQuery.all()).get().join()).extracting(Comment::taskId)
        .containsExactlyInAnyOrder("task-1", "task-1", "task-2");
    assertThat(ann.query(UserQuery.all()).get().join()).extracting(User::name).containsExactlyInAnyOrder("Ann", "Bob", "Cat");

    LiveClient eve = as("u-eve");
    assertThat(eve.query(BoardQuery.all()).get().join()).extracting(Board::id).containsExactly("campaigns");
    assertThat(eve.query(TaskQuery.all()).get().join()).extracting(Task::boardId).containsOnly("campaigns").hasSize(4);
    assertThat(eve.query(CommentQuery.all()).get().join()).extracting(Comment::taskId)
        .containsExactlyInAnyOrder("task-10", "task-11");
    assertThat(eve.query(UserQuery.all()).get().join()).extracting(User::name).containsExactlyInAnyOrder("Dan", "Eve");
    assertThat(eve.query(TeamQuery.all()).get().join()).as("teams are for everyone").extracting(Team::name)
        .containsExactlyInAnyOrder("Core", "Growth");
  }

  @Test
  void includesAndRelationConditionsDoNotReachAnotherTeam() {
    LiveClient ann = as("u-ann");
    assertThat(ann.query(TaskQuery.where(Task_.assignee.is(User_.name.eq("Dan")))).get().join())
        .as("probing for Dan's tasks").isEmpty();
    assertThat(ann.query(TaskQuery.all().one("task-10")).get().join()).isEmpty();
    List<CommentRow> comments = ann.query(CommentQuery.all().include(Comment_.author, Comment_.task)).get().join();
    assertThat(comments).allSatisfy(row -> {
      assertThat(row.author()).isPresent();
      assertThat(row.task().orElseThrow().value().boardId()).isIn("launch", "website");
    });
    List<TaskRow> withComments = ann.query(TaskQuery.where(Task_.id.eq("task-1")).include(Task_.comments)).get().join();
    assertThat(withComments.get(0).comments()).hasSize(2);
  }

  @Test
  void aLiveResultNeverReceivesAnotherTeamsWrites() {
    LiveClient ann = as("u-ann");
    LiveClient dan = as("u-dan");
    List<QueryResult<Task>> received = new CopyOnWriteArrayList<>();
    ann.query(TaskQuery.all().orderBy(Task_.id.asc())).subscribe(received::add, error -> {});
    await().atMost(WAIT).until(() -> !received.isEmpty());

    dan.insert(task("secret", "campaigns")).join();
    dan.update(Task_.COLLECTION, "task-9", TaskUpdate.of().title("Growth only")).join();
    ann.insert(task("mine", "launch")).join();
    await().atMost(WAIT).until(() -> received.get(received.size() - 1).rows().stream().anyMatch(t -> t.id().equals("mine")));
    assertThat(received).allSatisfy(result ->
        assertThat(result.rows()).extracting(Task::boardId).containsOnly("launch", "website"));
  }

  @Test
  void anonymousClientsReadTeamsOnly() {
    LiveClient anonymous = client(null);
    assertThat(anonymous.query(TeamQuery.all()).get().join()).hasSize(2);
    assertThat(anonymous.query(BoardQuery.all()).get().join()).isEmpty();
    assertThat(anonymous.query(TaskQuery.all()).get().join()).isEmpty();
    assertThat(anonymous.query(CommentQuery.all()).get().join()).isEmpty();
    assertThat(anonymous.query(UserQuery.all()).get().join()).isEmpty();
  }

  static TaskInsert task(String id, String boardId) {
    return TaskInsert.builder().id(id).boardId(boardId).title("Task " + id).status(Status.TODO).position(9)
        .estimate(1).revision(1).labels(List.of()).build();
  }
}

package dev.live.examples.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.auth.Rules;
import dev.live.client.LiveClient;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.examples.board.Comment;
import dev.live.examples.board.CommentInsert;
import dev.live.examples.board.CommentRow;
import dev.live.examples.board.CommentUpdate;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TaskRow;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.examples.storage.BoardData;
import dev.live.server.LiveServer;
import dev.live.subscription.QueryResult;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Optimistic mutations: shown at once (pending) where the query says they belong, confirmed with
 * the server's values, rolled back when a write rule rejects them (with Live's code or the
 * application's), and rebased when another
 * client's change arrives first. The proxy holds the client's messages back so that the pending
 * state can be seen.
 */
class OptimisticTest extends ClientTestBase {
  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    // Titles starting with "forbidden" may not be written; "taken" ones are refused with the application's code.
    return builder.rules(Rules.builder()
        .update(Task_.COLLECTION, (auth, before, after, changed) -> {
          if (after.title().startsWith("taken")) {
            throw LiveException.of("TITLE_TAKEN", "another task is titled '" + after.title() + "'");
          }
          return !after.title().startsWith("forbidden");
        })
        .build());
  }

  @Test
  void anInsertShowsAtOnceInOrderAsPendingThenConfirmed() {
    LiveClient client = client("optimist");
    Results<Task> results = new Results<>();
    client.query(boardTasks("b1")).subscribe(results);
    results.await("first result", result -> !result.rows().isEmpty());

    proxy.blackhole(true);
    CompletableFuture<Task> insert = client.insert(newTask("o1", "b1", -1)); // position -1: first in order
    QueryResult<Task> pending = results.awaitLatest("shown before the server answered",
        result -> result.rows().stream().anyMatch(task -> task.id().equals("o1")));
    assertThat(pending.rows().get(0).id()).as("placed by the query's order").isEqualTo("o1");
    assertThat(pending.isPending(pending.rows().get(0))).isTrue();
    assertThat(pending.isPending(pending.rows().get(1))).isFalse();
    assertThat(insert).isNotDone();

    proxy.dropAll();
    proxy.blackhole(false);
    insert.join();
    List<Task> fresh = freshTasks("b1");
    results.awaitLatest("confirmed", result -> !result.hasPending() && result.rows().equals(fresh));
  }

  @Test
  void anUpdateThatLeavesTheWhereLeavesTheResultAtOnce() {
    LiveClient client = client("mover");
    Results<Task> results = new Results<>();
    client.query(boardTasks("b1")).subscribe(results);
    results.await("first result", result -> result.rows().stream().anyMatch(task -> task.id().equals("t1")));
    proxy.blackhole(true);
    CompletableFuture<Task> update = client.update(Task_.COLLECTION, "t1", TaskUpdate.of().boardId("b2"));
    results.awaitLatest("t1 moved out of board b1", result -> result.rows().stream().noneMatch(task -> task.id().equals("t1")));
    proxy.dropAll();
    proxy.blackhole(false);
    update.join();
    List<Task> fresh = freshTasks("b1");
    results.awaitLatest("confirmed", result -> !result.hasPending() && result.rows().equals(fresh));
  }

  @Test
  void aRejectedUpdateIsRolledBack() {
    LiveClient client = client("pessimist");
    Results<Task> results = new Results<>();
    client.query(boardTasks("b1")).subscribe(results);
    QueryResult<Task> before = results.await("first result", result -> !result.rows().isEmpty());

    // The server's answer is held back until the optimistic title was seen: listeners get only
    // the latest result, so a quick rejection could otherwise replace it before delivery.
    proxy.blackhole(true);
    CompletableFuture<Task> update = client.update(Task_.COLLECTION, "t1", TaskUpdate.of().title("forbidden title"));
    results.awaitLatest("the optimistic title shown before the rejection",
        result -> result.rows().stream().anyMatch(task -> task.title().equals("forbidden title")));
    proxy.dropAll();
    proxy.blackhole(false);
    org.assertj.core.api.Assertions.assertThatThrownBy(update::join).isInstanceOf(CompletionException.class)
        .cause().isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    results.awaitLatest("rolled back", result -> result.equals(before));
  }

  @Test
  void anUpdateRefusedWithTheApplicationsCodeIsRolledBackAndCarriesTheCode() {
    LiveClient client = client("taker");
    Results<Task> results = new Results<>();
    client.query(boardTasks("b1")).subscribe(results);
    QueryResult<Task> before = results.await("first result", result -> !result.rows().isEmpty());

    proxy.blackhole(true); // as above: the rejection waits until the optimistic title was seen
    CompletableFuture<Task> update = client.update(Task_.COLLECTION, "t1", TaskUpdate.of().title("taken title"));
    results.awaitLatest("the optimistic title shown before the rejection",
        result -> result.rows().stream().anyMatch(task -> task.title().equals("taken title")));
    proxy.dropAll();
    proxy.blackhole(false);
    org.assertj.core.api.Assertions.assertThatThrownBy(update::join).isInstanceOf(CompletionException.class)
        .cause().isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.REJECTED);
          assertThat(e.appCode()).contains("TITLE_TAKEN");
          assertThat(e.hasAppCode("TITLE_TAKEN")).isTrue();
          assertThat(e.getMessage()).isEqualTo("another task is titled 'taken title'");
        });
    results.awaitLatest("rolled back", result -> result.equals(before));
  }

  @Test
  void aPendingUpdateIsRebasedOnAnotherClientsChangeThatArrivesFirst() {
    LiveClient client = client("rebaser");
    Results<Task> results = new Results<>();
    client.query(boardTasks("b1")).subscribe(results);
    results.await("first result", result -> !result.rows().isEmpty());

    // Our update of the title is held back; meanwhile another client changes t1's position.
    proxy.blackhole(true);
    client.update(Task_.COLLECTION, "t1", TaskUpdate.of().title("ours"));
    results.awaitLatest("ours shown", result -> title(result, "t1").equals("ours"));
    int shownAt = results.all().size() - 1;
    direct("theirs").update(Task_.COLLECTION, "t1", TaskUpdate.of().position(500)).join();
    // Our connection is frozen, so their change reaches us only after reconnecting; until then
    // ours stays on top of what we hold, and after it both show.
    proxy.dropAll();
    proxy.blackhole(false);
    results.awaitLatest("both changes, confirmed", result -> !result.hasPending()
        && title(result, "t1").equals("ours") && position(result, "t1") == 500);
    List<QueryResult<Task>> all = results.all();
    assertThat(all.subList(shownAt, all.size())).as("ours never flickered back")
        .allSatisfy(result -> assertThat(title(result, "t1")).isEqualTo("ours"));
  }

  private static String title(QueryResult<Task> result, String id) {
    return result.rows().stream().filter(task -> task.id().equals(id)).findFirst().map(Task::title).orElse("");
  }

  private static int position(QueryResult<Task> result, String id) {
    return result.rows().stream().filter(task -> task.id().equals(id)).findFirst().map(Task::position).orElse(-1);
  }

  @Test
  void aWrittenCommentJoinsMovesAndLeavesTheIncludedListsAtOnce() {
    LiveClient client = client("commenter");
    Results<TaskRow> results = new Results<>();
    TaskQuery<TaskRow> query = boardTasks("b1").include(
        Task_.comments.orderBy(Comment_.createdAt.desc()).limit(2).include(Comment_.author));
    client.query(query).subscribe(results);
    results.await("first result", result -> result.rows().size() == 3);

    proxy.blackhole(true);
    Comment added = BoardData.comment(9, "t2", "u1", "Looks good", 10);
    CompletableFuture<Comment> insert = client.insert(CommentInsert.of(added));
    // C3, the newest comment of t1, moves to t3, whose only comment C4 is newer.
    CompletableFuture<Comment> move = client.update(Comment_.COLLECTION, BoardData.C3.id(), CommentUpdate.of().taskId("t3"));
    QueryResult<TaskRow> pending = results.awaitLatest("both writes shown before the server answered",
        result -> commentIds(result, "t3").size() == 2 && commentIds(result, "t2").size() == 1);
    assertThat(commentIds(pending, "t2")).containsExactly(added.id());
    assertThat(comments(pending, "t2").get(0).author()).as("the new comment's author, from the cache")
        .hasValueSatisfying(author -> assertThat(author.value().id()).isEqualTo("u1"));
    assertThat(commentIds(pending, "t3")).as("placed by the include's order").containsExactly(BoardData.C4.id(), BoardData.C3.id());
    assertThat(commentIds(pending, "t1")).as("left t1; the window is refilled by the server").containsExactly(BoardData.C2.id());
    assertThat(insert).isNotDone();

    proxy.dropAll();
    proxy.blackhole(false);
    insert.join();
    move.join();
    List<TaskRow> fresh = direct("reader").query(query).get().join();
    assertThat(fresh.stream().filter(row -> row.value().id().equals("t1")).findFirst().orElseThrow().comments())
        .as("the server refills t1's window with C1").hasSize(2);
    results.awaitLatest("confirmed", result -> !result.hasPending() && result.rows().equals(fresh));
  }

  private static List<CommentRow> comments(QueryResult<TaskRow> result, String taskId) {
    return result.rows().stream().filter(row -> row.value().id().equals(taskId)).findFirst().orElseThrow().comments();
  }

  private static List<UUID> commentIds(QueryResult<TaskRow> result, String taskId) {
    return comments(result, taskId).stream().map(comment -> comment.value().id()).toList();
  }
}

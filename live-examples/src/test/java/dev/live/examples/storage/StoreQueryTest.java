package dev.live.examples.storage;

import static dev.live.examples.storage.BoardData.ANN;
import static dev.live.examples.storage.BoardData.BOB;
import static dev.live.examples.storage.BoardData.C1;
import static dev.live.examples.storage.BoardData.C2;
import static dev.live.examples.storage.BoardData.C3;
import static dev.live.examples.storage.BoardData.C4;
import static dev.live.examples.storage.BoardData.CYD;
import static dev.live.examples.storage.BoardData.T1;
import static dev.live.examples.storage.BoardData.T2;
import static dev.live.examples.storage.BoardData.T3;
import static dev.live.examples.storage.BoardData.T4;
import static dev.live.examples.storage.BoardData.T5;
import static org.assertj.core.api.Assertions.assertThat;

import dev.live.examples.board.Board;
import dev.live.examples.board.BoardQuery;
import dev.live.examples.board.Board_;
import dev.live.examples.board.Comment;
import dev.live.examples.board.CommentRow;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.Role;
import dev.live.examples.board.Status;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TaskRow;
import dev.live.examples.board.Task_;
import dev.live.examples.board.Team_;
import dev.live.examples.board.User;
import dev.live.examples.board.UserQuery;
import dev.live.examples.board.UserRow;
import dev.live.examples.board.User_;
import dev.live.query.Condition;
import dev.live.query.LiveRow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The typed query builders run on storage: where, relational where, order, limit, includes. */
class StoreQueryTest extends StoreTestBase {
  @BeforeEach
  void seed() {
    seedBoard();
  }

  @Test
  void everyRowInIdOrderWhenNoOrderIsGiven() {
    assertThat(store.list(TaskQuery.all())).containsExactly(T1, T2, T3, T4, T5);
  }

  @Test
  void comparisonsTextMatchesAndInFilterRows() {
    assertThat(store.list(TaskQuery.where(Task_.status.eq(Status.TODO)))).containsExactly(T2, T4, T5);
    assertThat(store.list(TaskQuery.where(Task_.estimate.gte(2.5)).and(Task_.position.lt(2)))).containsExactly(T1, T4, T5);
    assertThat(store.list(TaskQuery.where(Task_.title.startsWith("Fix")))).containsExactly(T2);
    assertThat(store.list(TaskQuery.where(Task_.title.contains("the")))).containsExactly(T1, T2, T3);
    assertThat(store.list(TaskQuery.where(Task_.id.in("t5", "t1", "nope")))).containsExactly(T1, T5);
    assertThat(store.list(TaskQuery.where(Task_.id.in(List.of())))).isEmpty();
    assertThat(store.list(TaskQuery.where(Task_.due.lt(Instant.parse("2026-12-02T00:00:00Z"))))).containsExactly(T1, T3);
  }

  @Test
  void likeWildcardsAndTheEscapeCharacterInTheSearchedTextMatchOnlyThemselves() {
    assertThat(store.list(TaskQuery.where(Task_.title.contains("%")))).isEmpty();
    assertThat(store.list(TaskQuery.where(Task_.title.startsWith("_ix")))).isEmpty();
    assertThat(store.list(TaskQuery.where(Task_.title.contains("\\")))).isEmpty();
    Task odd = new Task("t9", "b1", "50% off_now! \\ 100%", Status.TODO, null, null, 9, 1.0, 1L, List.of(), null);
    store.insert(TaskInsert.of(odd));
    assertThat(store.list(TaskQuery.where(Task_.title.contains("% off_now! \\")))).containsExactly(odd);
    assertThat(store.list(TaskQuery.where(Task_.title.startsWith("50%")))).containsExactly(odd);
    assertThat(store.list(TaskQuery.where(Task_.title.contains("off!now")))).isEmpty();
    assertThat(store.list(TaskQuery.where(Task_.title.contains("50__off")))).isEmpty();
    assertThat(store.list(TaskQuery.where(Task_.title.contains("!!")))).isEmpty();
  }

  @Test
  void nullsAreTwoValuedAsInMemory() {
    // due is null for t2 and t5: a comparison with null is false, and its negation true.
    Condition<Task> dueSoon = Task_.due.lt(Instant.parse("2026-12-31T00:00:00Z"));
    assertThat(store.list(TaskQuery.where(dueSoon))).containsExactly(T1, T3, T4);
    assertThat(store.list(TaskQuery.where(Condition.not(dueSoon)))).containsExactly(T2, T5);
    assertThat(store.list(TaskQuery.where(Task_.assigneeId.ne("u1")))).containsExactly(T2, T3, T5);
    assertThat(store.list(TaskQuery.where(Task_.assigneeId.isNull()))).containsExactly(T2);
    assertThat(store.list(TaskQuery.where(Condition.not(Task_.assigneeId.in("u1", "u2"))))).containsExactly(T2, T5);
  }

  @Test
  void orderByKeysWithNullPlacementThenId() {
    assertThat(store.list(TaskQuery.all().orderBy(Task_.due.asc()))).containsExactly(T3, T1, T4, T2, T5);
    assertThat(store.list(TaskQuery.all().orderBy(Task_.due.asc().nullsFirst()))).containsExactly(T2, T5, T3, T1, T4);
    assertThat(store.list(TaskQuery.all().orderBy(Task_.due.desc()))).containsExactly(T2, T5, T4, T1, T3);
    assertThat(store.list(TaskQuery.all().orderBy(Task_.position.asc(), Task_.estimate.desc())))
        .containsExactly(T4, T5, T1, T2, T3);
    assertThat(store.list(TaskQuery.all().orderBy(Task_.position.asc()).limit(2))).containsExactly(T1, T4);
  }

  @Test
  void firstAndOneFindAtMostOneRow() {
    assertThat(store.find(TaskQuery.where(Task_.status.eq(Status.TODO)).orderBy(Task_.estimate.desc()).first()))
        .contains(T4);
    assertThat(store.find(TaskQuery.where(Task_.status.eq(Status.DONE)).and(Task_.position.gt(5)).first())).isEmpty();
    assertThat(store.find(TaskQuery.all().one("t3"))).contains(T3);
    assertThat(store.find(TaskQuery.where(Task_.status.eq(Status.TODO)).one("t3"))).isEmpty();
    assertThat(store.find(TaskQuery.all().one("missing"))).isEmpty();
  }

  @Test
  void relationalWhereThroughToOneFollowsTheReference() {
    assertThat(store.list(TaskQuery.where(Task_.assignee.is(User_.role.eq(Role.ADMIN))))).containsExactly(T1, T4);
    // Two levels: tasks on boards of the team named Growth.
    assertThat(store.list(TaskQuery.where(Task_.board.is(Board_.team.is(Team_.name.eq("Growth")))))).containsExactly(T5);
    // A missing target matches nothing, and its negation matches the row.
    assertThat(store.list(TaskQuery.where(Condition.not(Task_.assignee.is(User_.name.eq("Ann"))))))
        .containsExactly(T2, T3, T5);
    // The same relation twice in one condition.
    assertThat(store.list(TaskQuery.where(Task_.assignee.is(User_.name.eq("Ann")).or(Task_.assignee.is(User_.name.eq("Bob"))))))
        .containsExactly(T1, T3, T4);
  }

  @Test
  void relationalWhereThroughToManyNeverDuplicatesParents() {
    // Ann has two tasks that are not done: she appears once.
    assertThat(store.list(UserQuery.where(User_.assignedTasks.some(Task_.status.ne(Status.DONE))))).containsExactly(ANN, CYD);
    assertThat(store.list(UserQuery.where(User_.assignedTasks.none(Task_.status.eq(Status.TODO))))).containsExactly(BOB);
    // every holds for a user without tasks too; all of Bob's are done.
    assertThat(store.list(UserQuery.where(User_.assignedTasks.every(Task_.status.eq(Status.DONE))))).containsExactly(BOB);
    // Nested: boards with a task that has a comment by Bob.
    assertThat(store.list(BoardQuery.where(Board_.tasks.some(Task_.comments.some(Comment_.author.is(User_.name.eq("Bob")))))))
        .extracting(Board::id).containsExactly("b1");
  }

  @Test
  void includesAreTypedAndNested() {
    List<TaskRow> rows = store.list(TaskQuery.where(Task_.boardId.eq("b1"))
        .include(Task_.assignee, Task_.board.include(Board_.team), Task_.comments.include(Comment_.author)));
    assertThat(rows).extracting(LiveRow::value).containsExactly(T1, T2, T3);
    TaskRow t1 = rows.get(0);
    assertThat(t1.assignee().map(UserRow::value)).contains(ANN);
    assertThat(t1.board().orElseThrow().team().orElseThrow().value().name()).isEqualTo("Core");
    assertThat(t1.comments()).extracting(CommentRow::value).containsExactly(C1, C2, C3);
    assertThat(t1.comments().get(0).author().map(UserRow::value)).contains(BOB);
    assertThat(rows.get(1).assignee()).isEmpty();
    assertThat(rows.get(1).comments()).isEmpty();
    assertThat(rows.get(2).comments()).extracting(CommentRow::value).containsExactly(C4);
  }

  @Test
  void includesTakeOneStatementPerIncludeNodeWhateverTheNumberOfRows() {
    store.list(TaskQuery.all()
        .include(Task_.assignee, Task_.board.include(Board_.team), Task_.comments.include(Comment_.author)));
    // The tasks, then one statement each for assignee, board, board.team, comments, comments.author.
    assertThat(statements).hasSize(6);
    statements.clear();
    store.list(TaskQuery.where(Task_.id.eq("none")).include(Task_.assignee, Task_.comments));
    assertThat(statements).as("no statements for includes of no rows").hasSize(1);
  }

  @Test
  void toManyIncludesHaveTheirOwnWhereOrderAndLimitPerParent() {
    List<UserRow> users = store.list(UserQuery.all()
        .include(User_.assignedTasks.where(Task_.status.ne(Status.DONE)).orderBy(Task_.estimate.desc()).limit(1)));
    assertThat(users).extracting(LiveRow::value).containsExactly(ANN, BOB, CYD);
    assertThat(users.get(0).assignedTasks()).extracting(TaskRow::value).containsExactly(T4);
    assertThat(users.get(1).assignedTasks()).isEmpty();
    assertThat(users.get(2).assignedTasks()).extracting(TaskRow::value).containsExactly(T5);

    List<TaskRow> latestComments = store.list(TaskQuery.all().include(Task_.comments.orderBy(Comment_.createdAt.desc()).limit(2)));
    assertThat(latestComments.get(0).comments()).extracting(CommentRow::value).containsExactly(C3, C2);
    assertThat(latestComments.get(2).comments()).extracting(CommentRow::value).containsExactly(C4);
  }

  @Test
  void oneWithIncludes() {
    Optional<TaskRow> row = store.find(TaskQuery.all().include(Task_.comments.where(Comment_.authorId.eq("u2"))).one("t1"));
    assertThat(row.orElseThrow().comments()).extracting(CommentRow::value).extracting(Comment::body)
        .containsExactly("First draft is up", "One more pass?");
    List<User> byEmail = store.list(UserQuery.where(User_.email.isNotNull()).orderBy(User_.name.desc()));
    assertThat(byEmail).containsExactly(CYD, ANN);
  }
}

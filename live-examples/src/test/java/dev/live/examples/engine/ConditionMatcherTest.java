package dev.live.examples.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.examples.board.Board;
import dev.live.examples.board.BoardInsert;
import dev.live.examples.board.Board_;
import dev.live.examples.board.Comment;
import dev.live.examples.board.CommentInsert;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.Status;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.Task_;
import dev.live.examples.board.User_;
import dev.live.examples.storage.Backend;
import dev.live.query.Condition;
import dev.live.query.ConditionMatcher;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each rule of matching, pinned by an example that storage and {@link ConditionMatcher} must
 * both answer as written here, on H2 and on PostgreSQL.
 */
class ConditionMatcherTest extends EngineTestBase {
  private static final Instant T = Instant.parse("2026-11-22T09:00:00.000001Z");
  private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

  private List<Task> tasks(Task... tasks) {
    return store.insertAll(Stream.of(tasks).map(TaskInsert::of).toList());
  }

  private void assertTasks(List<Task> rows, Condition<Task> where, String... ids) {
    assertSelects(Task_.COLLECTION, rows, where, (Object[]) ids);
  }

  @Test
  void comparisonsInAndTextMatchesOnANullFieldAreFalse() {
    List<Task> rows = tasks(new Task("a", "b1", "title", Status.TODO, "u1", T, 0, 0.0, 0L, List.of(), null),
        task("b"));
    assertTasks(rows, Task_.due.eq(T), "a");
    assertTasks(rows, Task_.due.lt(LATER), "a");
    assertTasks(rows, Task_.due.lte(LATER), "a");
    assertTasks(rows, Task_.due.gt(Instant.EPOCH), "a");
    assertTasks(rows, Task_.due.gte(Instant.EPOCH), "a");
    assertTasks(rows, Task_.due.in(T, LATER), "a");
    assertTasks(rows, Task_.assigneeId.lt("z"), "a");
    assertTasks(rows, Task_.assigneeId.startsWith(""), "a");
    assertTasks(rows, Task_.assigneeId.contains(""), "a");
  }

  @Test
  void neIsNotEqSoItMatchesNull() {
    List<Task> rows = tasks(assigned("a", "u1", Status.TODO), task("b"));
    assertTasks(rows, Task_.assigneeId.ne("u1"), "b");
    assertTasks(rows, Task_.assigneeId.ne("u2"), "a", "b");
  }

  @Test
  void notIsTheComplementAlsoOnNull() {
    List<Task> rows = tasks(assigned("a", "u1", Status.TODO), task("b"));
    assertTasks(rows, Condition.not(Task_.assigneeId.lt("z")), "b");
    assertTasks(rows, Condition.not(Task_.assigneeId.in("u1")), "b");
    assertTasks(rows, Condition.not(Task_.assigneeId.contains("")), "b");
    assertTasks(rows, Condition.not(Task_.assigneeId.ne("u1")), "a");
    assertTasks(rows, Condition.not(Condition.not(Task_.assigneeId.eq("u1"))), "a");
  }

  @Test
  void inWithNoValuesMatchesNothingAndItsNegationEverything() {
    List<Task> rows = tasks(assigned("a", "u1", Status.TODO), task("b"));
    assertTasks(rows, Task_.id.in(List.of()));
    assertTasks(rows, Task_.assigneeId.in(List.of()));
    assertTasks(rows, Condition.not(Task_.assigneeId.in(List.of())), "a", "b");
  }

  @Test
  void nullChecksTellNullFromAValue() {
    List<Task> rows = tasks(assigned("a", "u1", Status.TODO), task("b"));
    assertTasks(rows, Task_.assigneeId.isNull(), "b");
    assertTasks(rows, Task_.assigneeId.isNotNull(), "a");
    assertTasks(rows, Task_.checklist.isNull(), "a", "b");
  }

  @Test
  void likeWildcardsAndTheEscapeCharacterMatchOnlyThemselves() {
    List<Task> rows = tasks(titled("l1", "50% off"), titled("l2", "50x off"), titled("l3", "a_b"),
        titled("l4", "axb"), titled("l5", "wow!"), titled("l6", "wow"), titled("l7", "a\\b"));
    assertTasks(rows, Task_.title.contains("%"), "l1");
    assertTasks(rows, Task_.title.startsWith("50%"), "l1");
    assertTasks(rows, Task_.title.contains("_"), "l3");
    assertTasks(rows, Task_.title.startsWith("a_"), "l3");
    assertTasks(rows, Task_.title.contains("!"), "l5");
    assertTasks(rows, Task_.title.contains("!!"));
    assertTasks(rows, Task_.title.startsWith("a\\"), "l7");
    assertTasks(rows, Task_.title.startsWith("%"));
  }

  @Test
  void textMatchesAreCaseSensitiveAndTakeSupplementaryCharactersWhole() {
    List<Task> rows = tasks(titled("c1", "Fix"), titled("c2", "fix"), titled("c3", "😀 party"));
    assertTasks(rows, Task_.title.startsWith("F"), "c1");
    assertTasks(rows, Task_.title.contains("ix"), "c1", "c2");
    assertTasks(rows, Task_.title.contains("IX"));
    assertTasks(rows, Task_.title.contains("😀"), "c3");
    assertTasks(rows, Task_.title.startsWith("😀 p"), "c3");
  }

  @Test
  void stringsCompareByCodePointOnPostgresAndByUtf16UnitOnH2() {
    List<Task> rows = tasks(titled("s1", "\uFB01"), titled("s2", "😀"), titled("s3", "z"));
    boolean h2 = backend == Backend.H2;
    // U+FB01 is below U+1F600 as a code point, above its first UTF-16 unit U+D83D.
    assertTasks(rows, Task_.title.lt("😀"), h2 ? new String[] {"s3"} : new String[] {"s1", "s3"});
    assertTasks(rows, Task_.title.gt("\uFB01"), h2 ? new String[] {} : new String[] {"s2"});
    assertTasks(rows, Task_.title.eq("😀"), "s2");
  }

  @Test
  void decimalsAreEqualWhateverTheirScale() {
    // Parents' boards: b1 with 1.5, b😀 without a budget, b\uFFFF with 10.
    List<Board> rows = new ArrayList<>(boards);
    rows.addAll(store.insertAll(List.of(board("d1", "1.0"), board("d2", "1.00"), board("d3", "1E+1"),
        board("d4", "0.10"))));
    assertSelects(Board_.COLLECTION, rows, Board_.budget.eq(new BigDecimal("1")), "d1", "d2");
    assertSelects(Board_.COLLECTION, rows, Board_.budget.in(new BigDecimal("10.000")), "b\uFFFF", "d3");
    assertSelects(Board_.COLLECTION, rows, Board_.budget.lte(new BigDecimal("0.1000")), "d4");
    assertSelects(Board_.COLLECTION, rows, Board_.budget.gt(new BigDecimal("1.000")), "b1", "b\uFFFF", "d3");
    // ne matches the board without a budget; ids order as strings do on each database.
    Object[] others = backend == Backend.H2
        ? new Object[] {"b😀", "b\uFFFF", "d1", "d2", "d3", "d4"}
        : new Object[] {"b\uFFFF", "b😀", "d1", "d2", "d3", "d4"};
    assertSelects(Board_.COLLECTION, rows, Board_.budget.ne(new BigDecimal("1.50")), others);
  }

  @Test
  void instantsCompareToTheMicrosecondWithQueryValuesTruncatedAsStorageTruncatesThem() {
    Instant beforeEpoch = Instant.parse("1969-12-31T23:59:59.999999Z");
    List<Task> rows = tasks(due("i1", T.plusNanos(500)), due("i2", beforeEpoch));
    assertThat(rows.get(0).due()).as("stored to the microsecond").isEqualTo(T);
    assertTasks(rows, Task_.due.eq(T.plusNanos(999)), "i1");
    assertTasks(rows, Task_.due.lt(T.plusNanos(999)), "i2");
    assertTasks(rows, Task_.due.gte(T.plusNanos(1)), "i1");
    assertTasks(rows, Task_.due.in(T.plusNanos(1)), "i1");
    assertTasks(rows, Task_.due.eq(beforeEpoch.plusNanos(999)), "i2");
    assertTasks(rows, Task_.due.lt(beforeEpoch.plusNanos(1000)), "i2");
  }

  @Test
  void negativeZeroEqualsZero() {
    List<Task> rows = tasks(estimated("z0", 0.0), estimated("z1", -0.0), estimated("m", -1.0));
    assertTasks(rows, Task_.estimate.eq(0.0), "z0", "z1");
    assertTasks(rows, Task_.estimate.eq(-0.0), "z0", "z1");
    assertTasks(rows, Task_.estimate.lt(0.0), "m");
    assertTasks(rows, Task_.estimate.gte(-0.0), "z0", "z1");
    assertTasks(rows, Task_.estimate.ne(0.0), "m");
  }

  @Test
  void nanEqualsItselfAndIsAboveInfinity() {
    List<Task> rows = tasks(estimated("n", Double.NaN), estimated("i", Double.POSITIVE_INFINITY),
        estimated("m", Double.NEGATIVE_INFINITY), estimated("o", 1.0));
    assertTasks(rows, Task_.estimate.eq(Double.NaN), "n");
    assertTasks(rows, Task_.estimate.gt(Double.POSITIVE_INFINITY), "n");
    assertTasks(rows, Task_.estimate.lt(Double.NaN), "i", "m", "o");
    assertTasks(rows, Task_.estimate.ne(Double.NaN), "i", "m", "o");
    assertTasks(rows, Task_.estimate.in(Double.NaN, 1.0), "n", "o");
  }

  @Test
  void enumsMatchByConstant() {
    List<Task> rows = tasks(assigned("e1", null, Status.TODO), assigned("e2", null, Status.DONE),
        assigned("e3", null, Status.DOING));
    assertTasks(rows, Task_.status.eq(Status.DONE), "e2");
    assertTasks(rows, Task_.status.ne(Status.DONE), "e1", "e3");
    assertTasks(rows, Task_.status.in(Status.TODO, Status.DOING), "e1", "e3");
  }

  @Test
  void uuidsMatchByValue() {
    tasks(task("t1"));
    UUID low = new UUID(0, 1);
    UUID mid = new UUID(1, 0);
    UUID high = new UUID(-1, 0);
    List<Comment> rows = store.insertAll(Stream.of(high, low, mid)
        .map(id -> CommentInsert.of(new Comment(id, "t1", "u1", "body", T))).toList());
    assertSelects(Comment_.COLLECTION, rows, Comment_.id.eq(high), high);
    assertSelects(Comment_.COLLECTION, rows, Comment_.id.ne(high), low, mid);
    assertSelects(Comment_.COLLECTION, rows, Comment_.id.in(high, low), low, high);
  }

  @Test
  void relationMatchesAreNotLocalAndCannotBeMatchedInMemory() {
    Condition<Task> byAnn = Task_.assignee.is(User_.name.eq("Ann"));
    Condition<Task> local = Condition.not(Task_.title.eq("x").or(Task_.due.isNull()));
    assertThat(ConditionMatcher.isLocal(local)).isTrue();
    assertThat(ConditionMatcher.isLocal(byAnn)).isFalse();
    assertThat(ConditionMatcher.isLocal(Condition.not(local.and(byAnn)))).isFalse();
    assertThat(ConditionMatcher.isLocal(Task_.comments.some(Comment_.body.eq("x")))).isFalse();
    // Only a relation match that evaluation reaches can fail: isLocal is the test to make first.
    assertThatThrownBy(() -> ConditionMatcher.matches(Task_.title.ne("x").and(byAnn), task("a"), order()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relation assignee");
  }

  private static BoardInsert board(String id, String budget) {
    return BoardInsert.of(new Board(id, "title", "team1", null, new BigDecimal(budget), Parents.T0));
  }
}

package dev.live.examples.storage;

import static dev.live.examples.storage.BoardData.ANN;
import static dev.live.examples.storage.BoardData.BOB;
import static dev.live.examples.storage.BoardData.C1;
import static dev.live.examples.storage.BoardData.CYD;
import static dev.live.examples.storage.BoardData.LAUNCH;
import static dev.live.examples.storage.BoardData.T0;
import static dev.live.examples.storage.BoardData.T1;
import static dev.live.examples.storage.BoardData.T2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.examples.board.Board;
import dev.live.examples.board.BoardInsert;
import dev.live.examples.board.BoardQuery;
import dev.live.examples.board.BoardUpdate;
import dev.live.examples.board.Board_;
import dev.live.examples.board.Checklist;
import dev.live.examples.board.Comment;
import dev.live.examples.board.CommentInsert;
import dev.live.examples.board.CommentQuery;
import dev.live.examples.board.CommentUpdate;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.Role;
import dev.live.examples.board.Status;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.examples.board.Team;
import dev.live.examples.board.TeamInsert;
import dev.live.examples.board.TeamQuery;
import dev.live.examples.board.User;
import dev.live.examples.board.UserInsert;
import dev.live.examples.board.UserQuery;
import dev.live.examples.board.UserUpdate;
import dev.live.examples.board.User_;
import dev.live.storage.Change;
import dev.live.storage.StorageException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write API on storage: insert, insertAll, update and delete return rows as stored, write
 * only what changes, and store every value the types allow unchanged, however hostile its text.
 */
class StoreWriteTest extends StoreTestBase {
  /** Text that breaks SQL or JSON built by concatenation, and text beyond ASCII. */
  private static final List<String> HOSTILE_TEXT = List.of(
      "it's",
      "say \"hi\"",
      "back\\slash \\n \\\\ \\'",
      "a -- comment",
      "/* a block */ comment */",
      "'; DROP TABLE tasks; --",
      "\"; DROP TABLE \"tasks\"; --",
      "'); DELETE FROM \"teams\" WHERE ('1' = '1",
      "? and $1 and :name",
      "% and _ wildcards",
      "line\nbreak\ttab\rreturn",
      "{\"json\": [1, \"two\"], \"x\": null}",
      "Crème brûlée, naïve façade, Ærø, ß",
      "漢字とかなのテキスト",
      "emoji 😀🎉 and 𝄞 (supplementary characters)",
      "");

  @BeforeEach
  void seed() {
    seedBoard();
  }

  // --- insert and insertAll -------------------------------------------------------------

  @Test
  void insertReturnsTheRowAsStored() {
    Task given = task("new").due(Instant.parse("2026-12-01T10:00:00.123456789Z")).build();
    Task stored = store.insert(TaskInsert.of(given));

    Task expected = task("new").due(Instant.parse("2026-12-01T10:00:00.123456Z")).build();
    assertThat(stored).as("the instant is cut to the microsecond, as storage keeps it").isEqualTo(expected);
    assertThat(store.find(TaskQuery.all().one("new"))).contains(stored);

    Board board = store.insert(BoardInsert.of(new Board("b9", "Money", "team1", null, new BigDecimal("12.50"), T0)));
    assertThat(board.budget()).as("decimals come back without trailing zeros").isEqualTo(new BigDecimal("12.5"));
    assertThat(store.find(BoardQuery.all().one("b9"))).contains(board);
  }

  @Test
  void insertAllReturnsTheStoredRowsInTheOrderGiven() {
    List<User> given = List.of(
        new User("u9", "Zoe", null, "team2", Role.MEMBER),
        new User("u10", "Al", "al@example.com", "team1", Role.ADMIN),
        new User("u05", "Mo", null, "team1", Role.MEMBER));
    List<User> stored = store.insertAll(given.stream().map(UserInsert::of).toList());

    assertThat(stored).containsExactlyElementsOf(given);
    // The table's own order is by id, in code point order: u05 < u1 < u10 < u2 < u3 < u9.
    assertThat(store.list(UserQuery.all())).containsExactly(given.get(2), ANN, given.get(1), BOB, CYD, given.get(0));
  }

  @Test
  void insertAllOfNothingInsertsNothingAndRunsNoStatement() {
    long version = store.changes().latestVersion();
    statements.clear();
    assertThat(store.insertAll(List.<TaskInsert>of())).isEmpty();
    assertThat(statements).isEmpty();
    assertThat(store.changes().latestVersion()).isEqualTo(version);
  }

  @Test
  void insertAllOfMoreThanAThousandRowsUsesSeveralStatementsAndKeepsTheGivenOrder() {
    List<Task> given = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      given.add(task(String.format("bulk%05d", i)).boardId("b2").position(i).title("Bulk " + i).build());
    }
    // Not in id order, so that an answer in id order (or in the database's order) would show.
    Collections.shuffle(given, new Random(42));
    long version = store.changes().latestVersion();
    statements.clear();

    List<Task> stored = store.insertAll(given.stream().map(TaskInsert::of).toList());

    assertThat(stored).containsExactlyElementsOf(given);
    assertThat(statements.stream().filter(sql -> sql.contains("INSERT INTO \"tasks\"")))
        .as("at most 1000 rows per statement: 1000 + 1000 + 500").hasSize(3);
    assertThat(store.list(TaskQuery.where(Task_.id.startsWith("bulk")))).hasSize(2500).containsExactlyInAnyOrderElementsOf(given);
    assertThat(store.changes().latestVersion()).isEqualTo(version + 2500);
  }

  @Test
  void insertAllIsAllOrNothingWhenTheBatchRepeatsAnId() {
    long version = store.changes().latestVersion();
    List<TaskInsert> rows = List.of(
        TaskInsert.of(task("x1").build()),
        TaskInsert.of(task("x2").build()),
        TaskInsert.of(task("x1").title("again").build()));

    assertThatThrownBy(() -> store.insertAll(rows))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));

    assertThat(store.list(TaskQuery.where(Task_.id.in("x1", "x2")))).isEmpty();
    assertThat(store.changes().latestVersion()).isEqualTo(version);
  }

  @Test
  void insertAllIsAllOrNothingWhenALaterStatementOfTheBatchFails() {
    long version = store.changes().latestVersion();
    List<TaskInsert> rows = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      // Row 1200 is in the second statement and has the id of a seeded task.
      String id = i == 1200 ? "t1" : "bulk" + i;
      rows.add(TaskInsert.of(task(id).build()));
    }

    assertThatThrownBy(() -> store.insertAll(rows))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));

    assertThat(store.list(TaskQuery.where(Task_.id.startsWith("bulk")))).as("the first statement's 1000 rows too").isEmpty();
    assertThat(store.find(TaskQuery.all().one("t1"))).contains(T1);
    assertThat(store.changes().latestVersion()).isEqualTo(version);
  }

  // --- update -----------------------------------------------------------------------------

  @Test
  void updateWritesOnlyTheColumnsThatChange() {
    long version = store.changes().latestVersion();
    statements.clear();

    // status and position are set to the values they have: not written.
    Task updated = store.update("t1", TaskUpdate.of().title("Write the launch post, v2").status(T1.status())
        .position(T1.position()).assigneeId("u2"));

    Task expected = new Task("t1", "b1", "Write the launch post, v2", T1.status(), "u2", T1.due(), T1.position(),
        T1.estimate(), T1.revision(), T1.labels(), T1.checklist());
    assertThat(updated).isEqualTo(expected);
    assertThat(store.find(TaskQuery.all().one("t1"))).contains(expected);
    assertThat(setColumns("tasks")).containsExactly(List.of("title", "assignee_id"));
    List<Change> logged = store.changes().readAfter(version, 10);
    assertThat(logged).singleElement().satisfies(change -> {
      assertThat(change.operation()).isEqualTo(Change.Operation.UPDATE);
      assertThat(change.changedFields()).containsExactly("title", "assigneeId");
    });
  }

  @Test
  void updateSetsNullableFieldsToNull() {
    statements.clear();
    Task updated = store.update("t1", TaskUpdate.of().assigneeId(null).due(null).checklist(null));

    Task expected = new Task("t1", "b1", T1.title(), T1.status(), null, null, T1.position(), T1.estimate(),
        T1.revision(), T1.labels(), null);
    assertThat(updated).isEqualTo(expected);
    assertThat(store.find(TaskQuery.all().one("t1"))).contains(expected);
    assertThat(setColumns("tasks")).containsExactly(List.of("assignee_id", "due", "checklist"));

    Board board = store.update("b1", BoardUpdate.of().deadline(null).budget(null));
    assertThat(board).isEqualTo(new Board("b1", LAUNCH.title(), "team1", null, null, LAUNCH.createdAt()));
    assertThat(store.find(BoardQuery.all().one("b1"))).contains(board);
    assertThat(store.update("u1", UserUpdate.of().email(null)).email()).isNull();
    assertThat(store.find(UserQuery.where(User_.email.isNull()).one("u1"))).isPresent();
  }

  @Test
  void anUpdateThatChangesNothingWritesNoUpdateAndLogsNoChange() {
    long version = store.changes().latestVersion();
    statements.clear();

    // Every value is the one stored, in storage's sense: 1234.50 is 1234.5, and digits below
    // the microsecond are not stored.
    Task task = store.update("t1", TaskUpdate.of().title(T1.title()).status(T1.status()).labels(T1.labels())
        .checklist(T1.checklist()).due(T1.due().plusNanos(999)).estimate(T1.estimate()));
    Board board = store.update("b1", BoardUpdate.of().budget(new BigDecimal("1234.50")).deadline(LAUNCH.deadline()));
    Task untouched = store.update("t2", TaskUpdate.of());

    assertThat(task).isEqualTo(T1);
    assertThat(board).isEqualTo(LAUNCH);
    assertThat(untouched).isEqualTo(T2);
    assertThat(statements).noneMatch(sql -> sql.contains("UPDATE \"tasks\"") || sql.contains("UPDATE \"boards\""));
    assertThat(store.changes().latestVersion()).isEqualTo(version);
    assertThat(store.changes().readAfter(version, 10)).isEmpty();
  }

  @Test
  void updateOrDeleteOfAMissingIdIsNotFound() {
    long version = store.changes().latestVersion();

    assertThatThrownBy(() -> store.update("nope", TaskUpdate.of().title("x")))
        .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageContaining("tasks").hasMessageContaining("nope");
    assertThatThrownBy(() -> store.delete(Task_.COLLECTION, "nope"))
        .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageContaining("tasks").hasMessageContaining("nope");
    UUID missing = new UUID(9, 9);
    assertThatThrownBy(() -> store.delete(Comment_.COLLECTION, missing))
        .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageContaining("comments").hasMessageContaining(missing.toString());

    assertThat(store.changes().latestVersion()).isEqualTo(version);
  }

  @Test
  void anIdOfTheWrongJavaTypeIsInvalidValueAndRunsNoStatement() {
    statements.clear();

    assertThatThrownBy(() -> store.update(42, TaskUpdate.of().title("x")))
        .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE))
        .hasMessageContaining("tasks").hasMessageContaining("Integer");
    // A UUID's text is not a UUID.
    assertThatThrownBy(() -> store.delete(Comment_.COLLECTION, C1.id().toString()))
        .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE))
        .hasMessageContaining("comments").hasMessageContaining("String");
    assertThatThrownBy(() -> store.delete(Task_.COLLECTION, null))
        .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE))
        .hasMessageContaining("null");

    assertThat(statements).isEmpty();
    assertThat(store.find(CommentQuery.all().one(C1.id()))).contains(C1);
  }

  // --- delete -----------------------------------------------------------------------------

  @Test
  void deleteReturnsTheDeletedRow() {
    long version = store.changes().latestVersion();

    assertThat(store.delete(Task_.COLLECTION, "t2")).isEqualTo(T2);
    assertThat(store.delete(Comment_.COLLECTION, C1.id())).isEqualTo(C1);

    assertThat(store.find(TaskQuery.all().one("t2"))).isEmpty();
    assertThat(store.find(CommentQuery.all().one(C1.id()))).isEmpty();
    assertThat(store.changes().readAfter(version, 10)).extracting(Change::operation, Change::id)
        .containsExactly(tuple(Change.Operation.DELETE, "t2"),
            tuple(Change.Operation.DELETE, C1.id()));
  }

  // --- values round-trip ------------------------------------------------------------------

  @Test
  void hostileAndUnicodeTextRoundTripsAsIdsValuesAndJsonAndNeverBecomesSql() {
    int n = 0;
    for (String text : HOSTILE_TEXT) {
      String id = text.isEmpty() ? "empty" : text;
      Checklist checklist = new Checklist(List.of(new Checklist.Item(text, true), new Checklist.Item("2: " + text, false)));
      Task given = task(id).title(text).labels(List.of(text, "<" + text + ">", "")).checklist(checklist).build();

      assertThat(store.insert(TaskInsert.of(given))).as("insert of %s", text).isEqualTo(given);
      assertThat(store.find(TaskQuery.all().one(id))).as("read by id %s", text).contains(given);
      assertThat(store.list(TaskQuery.where(Task_.title.eq(text)).and(Task_.boardId.eq("b1")))).as("where title = %s", text)
          .containsExactly(given);

      Task renamed = store.update(id, TaskUpdate.of().title(text + text).labels(List.of(text)));
      assertThat(renamed.title()).isEqualTo(text + text);
      assertThat(renamed.labels()).containsExactly(text);

      Team team = new Team("team-" + n, text, T0);
      assertThat(store.insert(TeamInsert.of(team))).as("a @Unique field holding %s", text).isEqualTo(team);
      User user = new User("user-" + n, text, text, "team1", Role.MEMBER);
      assertThat(store.insert(UserInsert.of(user))).isEqualTo(user);
      Comment comment = new Comment(new UUID(7, n), id, user.id(), text, T0);
      assertThat(store.insert(CommentInsert.of(comment))).isEqualTo(comment);
      assertThat(store.find(CommentQuery.all().one(comment.id()))).contains(comment);
      n++;
    }

    // Deleting by a hostile id deletes that row only.
    assertThat(store.delete(Comment_.COLLECTION, new UUID(7, HOSTILE_TEXT.indexOf("'; DROP TABLE tasks; --"))).body())
        .isEqualTo("'; DROP TABLE tasks; --");

    // Every table is still there, with every row.
    assertThat(store.list(TeamQuery.all())).hasSize(2 + HOSTILE_TEXT.size());
    assertThat(store.list(UserQuery.all())).hasSize(3 + HOSTILE_TEXT.size());
    assertThat(store.list(BoardQuery.all())).hasSize(3);
    assertThat(store.list(TaskQuery.all())).hasSize(5 + HOSTILE_TEXT.size());
    assertThat(store.list(CommentQuery.all())).hasSize(5 + HOSTILE_TEXT.size() - 1);
  }

  @Test
  void extremeIntsLongsAndDoublesRoundTrip() {
    List<Task> given = List.of(
        task("min").position(Integer.MIN_VALUE).revision(Long.MIN_VALUE).estimate(-Double.MAX_VALUE).build(),
        task("max").position(Integer.MAX_VALUE).revision(Long.MAX_VALUE).estimate(Double.MAX_VALUE).build(),
        task("tiny").position(0).revision(0).estimate(Double.MIN_VALUE).build(),
        task("normal").position(-1).revision(-1).estimate(Double.MIN_NORMAL).build(),
        task("pi").estimate(Math.PI).revision(1L << 53 | 1).build());

    assertThat(store.insertAll(given.stream().map(TaskInsert::of).toList())).containsExactlyElementsOf(given);
    assertThat(store.list(TaskQuery.where(Task_.id.in("min", "max", "tiny", "normal", "pi"))))
        .containsExactlyInAnyOrderElementsOf(given);
    assertThat(store.update("min", TaskUpdate.of().position(Integer.MAX_VALUE).revision(Long.MAX_VALUE)))
        .extracting(Task::position, Task::revision).containsExactly(Integer.MAX_VALUE, Long.MAX_VALUE);
  }

  @Test
  void nanAndBothInfinitiesRoundTripOnBothDatabases() {
    // Both H2 and PostgreSQL's double precision accept NaN and the infinities.
    List<Task> given = List.of(
        task("nan").estimate(Double.NaN).build(),
        task("inf").estimate(Double.POSITIVE_INFINITY).build(),
        task("-inf").estimate(Double.NEGATIVE_INFINITY).build());

    assertThat(store.insertAll(given.stream().map(TaskInsert::of).toList())).containsExactlyElementsOf(given);
    assertThat(store.find(TaskQuery.all().one("nan")).orElseThrow().estimate()).isNaN();
    assertThat(store.find(TaskQuery.all().one("inf")).orElseThrow().estimate()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(store.find(TaskQuery.all().one("-inf")).orElseThrow().estimate()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(store.update("t1", TaskUpdate.of().estimate(Double.NaN)).estimate()).isNaN();
  }

  @Test
  void negativeZeroIsStoredAsPlainZeroOnEveryDatabase() {
    // H2 (2.4) normalises -0.0 to 0.0 in DOUBLE PRECISION; PostgreSQL would keep the sign bit,
    // so Live stores 0.0 on both and what reads back is the same everywhere.
    Task stored = store.insert(TaskInsert.of(task("negzero").estimate(-0.0).build()));
    double read = store.find(TaskQuery.all().one("negzero")).orElseThrow().estimate();

    double expected = 0.0;
    assertThat(Double.doubleToRawLongBits(stored.estimate())).isEqualTo(Double.doubleToRawLongBits(expected));
    assertThat(Double.doubleToRawLongBits(read)).isEqualTo(Double.doubleToRawLongBits(expected));
  }

  @Test
  void decimalsReadBackByValueWithoutTrailingZeros() {
    String[][] cases = {
        {"12.50", "12.5"},
        {"1000.00", "1000"},
        {"1E+3", "1000"},
        {"0.000", "0"},
        {"-0.0010", "-0.001"},
        {"1234.5", "1234.5"},
        {"-99999999999999999999.99", "-99999999999999999999.99"},
        {"123456789012345678901234567890.123456789012345678900", "123456789012345678901234567890.1234567890123456789"},
        {"1E-40", "1E-40"},
    };
    for (int i = 0; i < cases.length; i++) {
      BigDecimal given = new BigDecimal(cases[i][0]);
      BigDecimal expected = new BigDecimal(cases[i][1]);
      String id = "money" + i;
      Board stored = store.insert(BoardInsert.of(new Board(id, "Money", "team1", null, given, T0)));
      // isEqualTo on BigDecimal compares the scale too: 12.50 is not 12.5.
      assertThat(stored.budget()).as("insert of %s", given).isEqualTo(expected);
      assertThat(store.find(BoardQuery.all().one(id)).orElseThrow().budget()).as("read of %s", given).isEqualTo(expected);
      assertThat(store.list(BoardQuery.where(Board_.budget.eq(given)).and(Board_.id.eq(id)))).as("where budget = %s", given)
          .hasSize(1);
    }
  }

  @Test
  void instantsAreStoredToTheMicrosecondWithFinerDigitsDropped() {
    String[][] cases = {
        {"2026-03-04T05:06:07.123456789Z", "2026-03-04T05:06:07.123456Z"},
        // Dropped, not rounded: rounding would give 1970-01-01T00:00:00Z.
        {"1969-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.999999Z"},
        {"2026-03-04T05:06:07.000000999Z", "2026-03-04T05:06:07Z"},
        {"0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"},
        {"1500-06-01T12:00:00.5Z", "1500-06-01T12:00:00.5Z"},
        {"9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59.999999Z"},
    };
    for (int i = 0; i < cases.length; i++) {
      Instant given = Instant.parse(cases[i][0]);
      Instant expected = Instant.parse(cases[i][1]);
      Team stored = store.insert(TeamInsert.of(new Team("time" + i, "Team " + i, given)));
      assertThat(stored.createdAt()).as("insert of %s", given).isEqualTo(expected);
      assertThat(store.find(TeamQuery.all().one("time" + i)).orElseThrow().createdAt()).as("read of %s", given)
          .isEqualTo(expected);
    }
    Comment comment = store.update(C1.id(), CommentUpdate.of().createdAt(Instant.parse("2030-01-01T00:00:00.000001999Z")));
    assertThat(comment.createdAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00.000001Z"));
  }

  @Test
  void localDatesRoundTripIncludingLeapDaysAndTheJulianGregorianGap() {
    List<LocalDate> dates = List.of(LocalDate.parse("2024-02-29"), LocalDate.parse("1970-01-01"),
        LocalDate.parse("1582-10-10"), LocalDate.parse("1500-03-01"), LocalDate.parse("0001-01-01"),
        LocalDate.parse("9999-12-31"));
    for (int i = 0; i < dates.size(); i++) {
      Board given = new Board("day" + i, "Day", "team2", dates.get(i), null, T0);
      assertThat(store.insert(BoardInsert.of(given))).isEqualTo(given);
      assertThat(store.find(BoardQuery.all().one("day" + i))).contains(given);
    }
    assertThat(store.update("b1", BoardUpdate.of().deadline(LocalDate.parse("2000-02-29"))).deadline())
        .isEqualTo(LocalDate.parse("2000-02-29"));
  }

  @Test
  void uuidIdsRoundTripAndFindUpdateAndDeleteTheirRow() {
    List<UUID> ids = List.of(new UUID(0, 0), new UUID(-1, -1), new UUID(Long.MIN_VALUE, 1),
        UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    List<Comment> given = new ArrayList<>();
    for (UUID id : ids) {
      given.add(new Comment(id, "t2", "u3", "about " + id, T0));
    }
    assertThat(store.insertAll(given.stream().map(CommentInsert::of).toList())).containsExactlyElementsOf(given);
    for (Comment comment : given) {
      assertThat(store.find(CommentQuery.all().one(comment.id()))).contains(comment);
    }
    assertThat(store.update(ids.get(1), CommentUpdate.of().body("edited")).body()).isEqualTo("edited");
    assertThat(store.delete(Comment_.COLLECTION, ids.get(0))).isEqualTo(given.get(0));
    assertThat(store.list(CommentQuery.where(Comment_.taskId.eq("t2")))).extracting(Comment::id)
        .containsExactlyInAnyOrderElementsOf(ids.subList(1, ids.size()));
  }

  @Test
  void jsonRecordsAndStringListsRoundTrip() {
    Checklist deep = new Checklist(List.of(
        new Checklist.Item("quote \" backslash \\ slash / tab \t newline \n", true),
        new Checklist.Item("\\u0041 is not A", false),
        new Checklist.Item("😀 漢字 é", true),
        new Checklist.Item("", false)));
    List<Task> given = List.of(
        task("j1").labels(List.of()).checklist(new Checklist(List.of())).build(),
        task("j2").labels(List.of("a", "a", "b")).checklist(deep).build(),
        task("j3").labels(List.of("null", "[]", "{}", "true", "1e3", " spaced ")).checklist(null).build());

    assertThat(store.insertAll(given.stream().map(TaskInsert::of).toList())).containsExactlyElementsOf(given);
    assertThat(store.list(TaskQuery.where(Task_.id.in("j1", "j2", "j3")))).containsExactlyElementsOf(given);

    Checklist changed = new Checklist(List.of(new Checklist.Item("only", true)));
    Task updated = store.update("j1", TaskUpdate.of().checklist(changed).labels(List.of("x")));
    assertThat(updated.checklist()).isEqualTo(changed);
    assertThat(updated.labels()).containsExactly("x");
    assertThat(store.find(TaskQuery.all().one("j1")).orElseThrow()).isEqualTo(updated);
  }

  @Test
  void aNulCharacterIsInvalidValueOnEveryDatabaseInTextAndInJson() {
    // PostgreSQL text and jsonb cannot hold U+0000; H2 could, but then the databases would differ.
    for (Task given : List.of(task("nul").title("a\u0000b").build(), task("nul").labels(List.of("c\u0000")).build())) {
      assertThatThrownBy(() -> store.insert(TaskInsert.of(given)))
          .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE))
          .hasMessageContaining("U+0000");
      assertThat(store.find(TaskQuery.all().one("nul"))).isEmpty();
    }
    // A backslash followed by "u0000" is ordinary text.
    Task escaped = task("nul").labels(List.of("\\u0000")).build();
    assertThat(store.insert(TaskInsert.of(escaped))).isEqualTo(escaped);
  }

  // --- helpers ----------------------------------------------------------------------------

  /** The column lists of every UPDATE of {@code table} run since the statements were cleared. */
  private List<List<String>> setColumns(String table) {
    Pattern update = Pattern.compile("UPDATE \"" + table + "\" SET (.*?) WHERE ");
    List<List<String>> result = new ArrayList<>();
    for (String sql : List.copyOf(statements)) {
      Matcher matcher = update.matcher(sql);
      if (matcher.find()) {
        result.add(Arrays.stream(matcher.group(1).split(", "))
            .map(assignment -> assignment.replaceFirst("^\"([^\"]+)\" = \\?$", "$1"))
            .toList());
      }
    }
    return result;
  }

  private static TaskBuilder task(String id) {
    return new TaskBuilder(id);
  }

  /** A task on board b1 with plain values, some of which a test changes. */
  private static final class TaskBuilder {
    private final String id;
    private String boardId = "b1";
    private String title = "A task";
    private Instant due;
    private int position = 1;
    private double estimate = 1.5;
    private long revision = 1;
    private List<String> labels = List.of("label");
    private Checklist checklist;

    TaskBuilder(String id) {
      this.id = id;
    }

    TaskBuilder boardId(String value) {
      boardId = value;
      return this;
    }

    TaskBuilder title(String value) {
      title = value;
      return this;
    }

    TaskBuilder due(Instant value) {
      due = value;
      return this;
    }

    TaskBuilder position(int value) {
      position = value;
      return this;
    }

    TaskBuilder estimate(double value) {
      estimate = value;
      return this;
    }

    TaskBuilder revision(long value) {
      revision = value;
      return this;
    }

    TaskBuilder labels(List<String> value) {
      labels = value;
      return this;
    }

    TaskBuilder checklist(Checklist value) {
      checklist = value;
      return this;
    }

    Task build() {
      return new Task(id, boardId, title, Status.TODO, null, due, position, estimate, revision, labels, checklist);
    }
  }
}

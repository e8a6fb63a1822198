package dev.live.examples.storage;

import dev.live.examples.board.Board;
import dev.live.examples.board.BoardInsert;
import dev.live.examples.board.Checklist;
import dev.live.examples.board.Comment;
import dev.live.examples.board.CommentInsert;
import dev.live.examples.board.Role;
import dev.live.examples.board.Status;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.Team;
import dev.live.examples.board.TeamInsert;
import dev.live.examples.board.User;
import dev.live.examples.board.UserInsert;
import dev.live.procedure.DataAccess;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A small board world the storage tests query: two teams, three users, three boards, five tasks
 * (some without assignee or due date), five comments. Values are what storage gives back
 * (microsecond instants, decimals without trailing zeros), so tests can compare with equals.
 */
public final class BoardData {
  public static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

  public static final Team CORE = new Team("team1", "Core", T0);
  public static final Team GROWTH = new Team("team2", "Growth", T0);

  public static final User ANN = new User("u1", "Ann", "ann@example.com", "team1", Role.ADMIN);
  public static final User BOB = new User("u2", "Bob", null, "team1", Role.MEMBER);
  public static final User CYD = new User("u3", "Cyd", "cyd@example.com", "team2", Role.MEMBER);

  public static final Board LAUNCH = new Board("b1", "Launch", "team1", LocalDate.parse("2026-12-24"), new BigDecimal("1234.5"), T0);
  public static final Board BACKLOG = new Board("b2", "Backlog", "team1", null, null, T0);
  public static final Board PLANS = new Board("b3", "Plans", "team2", null, new BigDecimal("10"), T0);

  public static final Task T1 = new Task("t1", "b1", "Write the launch post", Status.DOING, "u1",
      Instant.parse("2026-12-01T17:00:00.123456Z"), 1, 2.5, 1L, List.of("writing"),
      new Checklist(List.of(new Checklist.Item("draft", true), new Checklist.Item("review", false))));
  public static final Task T2 = new Task("t2", "b1", "Fix the signup form", Status.TODO, null, null, 2, 1.0, 1L, List.of(), null);
  public static final Task T3 = new Task("t3", "b1", "Book the venue", Status.DONE, "u2",
      Instant.parse("2026-11-30T12:00:00Z"), 3, 0.5, 2L, List.of("ops"), null);
  public static final Task T4 = new Task("t4", "b2", "Refactor billing", Status.TODO, "u1",
      Instant.parse("2026-12-05T09:00:00Z"), 1, 8.0, 1L, List.of("tech-debt", "billing"), null);
  public static final Task T5 = new Task("t5", "b3", "Plan Q1", Status.TODO, "u3", null, 1, 3.0, 1L, List.of(), null);

  public static final Comment C1 = comment(1, "t1", "u2", "First draft is up", 1);
  public static final Comment C2 = comment(2, "t1", "u1", "Thanks!", 2);
  public static final Comment C3 = comment(3, "t1", "u2", "One more pass?", 3);
  public static final Comment C4 = comment(4, "t3", "u1", "Booked", 4);
  public static final Comment C5 = comment(5, "t4", "u1", "Next sprint", 5);

  private BoardData() {}

  public static void seed(DataAccess data) {
    data.transaction(tx -> {
      tx.insertAll(List.of(TeamInsert.of(CORE), TeamInsert.of(GROWTH)));
      tx.insertAll(List.of(UserInsert.of(ANN), UserInsert.of(BOB), UserInsert.of(CYD)));
      tx.insertAll(List.of(BoardInsert.of(LAUNCH), BoardInsert.of(BACKLOG), BoardInsert.of(PLANS)));
      tx.insertAll(List.of(TaskInsert.of(T1), TaskInsert.of(T2), TaskInsert.of(T3), TaskInsert.of(T4), TaskInsert.of(T5)));
      tx.insertAll(List.of(CommentInsert.of(C1), CommentInsert.of(C2), CommentInsert.of(C3), CommentInsert.of(C4),
          CommentInsert.of(C5)));
      return null;
    });
  }

  /** Comment {@code n}: a fixed UUID, written {@code minutes} after T0. */
  public static Comment comment(int n, String taskId, String authorId, String body, int minutes) {
    return new Comment(new UUID(0, n), taskId, authorId, body, T0.plusSeconds(60L * minutes));
  }
}

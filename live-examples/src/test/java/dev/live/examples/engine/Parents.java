package dev.live.examples.engine;

import dev.live.examples.board.Board;
import dev.live.examples.board.BoardInsert;
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
import java.util.stream.Stream;

/**
 * The rows other rows refer to, with ids as tricky as the values under test: teams, users,
 * boards, and tasks for comments to hang from. Every table the engine tests query thus starts
 * with a few fixed rows, and random rows refer to these.
 */
final class Parents {
  static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

  static final List<Team> TEAMS = List.of(new Team("team1", "Core", T0), new Team("t😀", "Growth", T0));

  static final List<String> USER_IDS = List.of("u1", "u%", "u_", "u!", "U", "ü", "u😀", "u\uE000");

  static final List<Board> BOARDS = List.of(
      new Board("b1", "Launch", "team1", LocalDate.parse("2026-12-24"), new BigDecimal("1.5"), T0),
      new Board("b😀", "\uFB01", "t😀", null, null, T0.plusNanos(1000)),
      new Board("b\uFFFF", "%", "team1", LocalDate.parse("1970-01-01"), new BigDecimal("10"), T0));

  static final List<Task> TASKS = List.of(
      new Task("t1", "b1", "Write", Status.DOING, "u1", T0, 1, 2.5, 1L, List.of(), null),
      new Task("t\uE000", "b😀", "😀", Status.TODO, null, null, 0, -0.0, 0L, List.of(), null),
      new Task("t😀", "b1", "a_b!", Status.DONE, "u😀", T0.plusNanos(1000), 1, Double.NaN, -1L, List.of(), null));

  private Parents() {}

  /** Inserts every parent; returns the fixed boards and tasks as stored. */
  static Seeded seed(DataAccess data) {
    return data.transaction(tx -> {
      List<Board> boards = seedOwners(tx);
      List<Task> tasks = tx.insertAll(TASKS.stream().map(TaskInsert::of).toList());
      return new Seeded(boards, tasks);
    });
  }

  /** Inserts the teams, users and boards, not the tasks; returns the boards as stored. */
  static List<Board> seedOwners(DataAccess data) {
    return data.transaction(tx -> {
      tx.insertAll(TEAMS.stream().map(TeamInsert::of).toList());
      tx.insertAll(USER_IDS.stream()
          .map(id -> UserInsert.of(new User(id, "User " + id, null, "team1", Role.MEMBER))).toList());
      return tx.insertAll(BOARDS.stream().map(BoardInsert::of).toList());
    });
  }

  /** Whether {@code id} is taken by a fixed row of any collection. */
  static boolean isFixedId(String id) {
    return Stream.of(TEAMS.stream().map(Team::id), USER_IDS.stream(), BOARDS.stream().map(Board::id),
        TASKS.stream().map(Task::id)).flatMap(s -> s).anyMatch(id::equals);
  }

  /** The fixed boards and tasks as storage returned them. */
  record Seeded(List<Board> boards, List<Task> tasks) {}
}

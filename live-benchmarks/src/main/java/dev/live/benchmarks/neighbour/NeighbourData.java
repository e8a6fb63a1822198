package dev.live.benchmarks.neighbour;

import dev.live.examples.board.Board;
import dev.live.examples.board.BoardInsert;
import dev.live.examples.board.Role;
import dev.live.examples.board.Status;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Team;
import dev.live.examples.board.TeamInsert;
import dev.live.examples.board.User;
import dev.live.examples.board.UserInsert;
import dev.live.procedure.DataAccess;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The noisy-neighbour benchmark's rows, beside the board app's demo data: the attacker's team
 * ({@value #ATTACKER}, 10 users, 5 boards, {@value #TASKS} tasks) and the bystander's team ({@value
 * #BYSTANDER}, one board of 10 tasks, of which the bystander keeps updating {@value #BYSTANDER_TASK}).
 */
final class NeighbourData {
  static final String ATTACKER = "nb-attacker";
  static final String BYSTANDER = "nb-bystander";
  static final String BYSTANDER_BOARD = "nb-calm-board";
  static final String BYSTANDER_TASK = "nb-calm-0";
  static final int TASKS = 5_000;
  static final int BOARDS = 5;
  static final int USERS = 10;
  private static final Instant START = Instant.parse("2026-11-01T09:00:00Z");

  private NeighbourData() {}

  /** The attacker's team's boards. */
  static List<String> boards() {
    List<String> boards = new ArrayList<>();
    for (int b = 0; b < BOARDS; b++) {
      boards.add("nb-board-" + b);
    }
    return boards;
  }

  /** The attacker's team's users, the attacker first. */
  static List<String> users() {
    List<String> users = new ArrayList<>(List.of(ATTACKER));
    for (int u = 1; u < USERS; u++) {
      users.add("nb-user-" + u);
    }
    return users;
  }

  static String task(int index) {
    return String.format("nb-k%04d", index);
  }

  static void write(DataAccess data) {
    SplittableRandom random = new SplittableRandom(5_000);
    data.insertAll(List.of(TeamInsert.of(new Team("nb-attack", "Attackers", START)),
        TeamInsert.of(new Team("nb-calm", "Bystanders", START))));
    List<UserInsert> users = new ArrayList<>();
    for (String user : users()) {
      users.add(UserInsert.of(new User(user, user, null, "nb-attack", Role.MEMBER)));
    }
    users.add(UserInsert.of(new User(BYSTANDER, BYSTANDER, null, "nb-calm", Role.MEMBER)));
    data.insertAll(users);
    List<BoardInsert> boards = new ArrayList<>();
    for (String board : boards()) {
      boards.add(BoardInsert.of(new Board(board, board, "nb-attack", null, null, START)));
    }
    boards.add(BoardInsert.of(new Board(BYSTANDER_BOARD, "Calm", "nb-calm", null, null, START)));
    data.insertAll(boards);
    List<TaskInsert> tasks = new ArrayList<>();
    for (int i = 0; i < TASKS; i++) {
      tasks.add(TaskInsert.of(new Task(task(i), boards().get(i % BOARDS), String.format("Task %04d", i),
          Status.values()[random.nextInt(3)], users().get(random.nextInt(USERS)), START.plus(i, ChronoUnit.MINUTES),
          i / BOARDS, 1.0, 1L, List.of("l" + i % 7), null)));
      if (tasks.size() == 1_000) {
        data.insertAll(tasks);
        tasks.clear();
      }
    }
    for (int i = 0; i < 10; i++) {
      tasks.add(TaskInsert.of(new Task("nb-calm-" + i, BYSTANDER_BOARD, "Calm " + i, Status.TODO, BYSTANDER, null, i,
          1.0, 1L, List.of(), null)));
    }
    data.insertAll(tasks);
  }

  /** The writer's {@code n}-th change to one of the attacker's tasks: its position, status or title, and revision. */
  static void touch(DataAccess data, int n) {
    SplittableRandom random = new SplittableRandom(n * 0x9E3779B97F4A7C15L);
    String id = task(random.nextInt(TASKS));
    TaskUpdate update = TaskUpdate.of().revision(n + 2L);
    update = switch (random.nextInt(3)) {
      case 0 -> update.position(random.nextInt(TASKS / BOARDS));
      case 1 -> update.status(Status.values()[random.nextInt(3)]);
      default -> update.title(String.format("Task %04d", random.nextInt(TASKS)));
    };
    data.update(id, update);
  }
}

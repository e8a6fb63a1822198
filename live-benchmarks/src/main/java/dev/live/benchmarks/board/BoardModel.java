package dev.live.benchmarks.board;

import dev.live.examples.board.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The board benchmark's data set as its writers know it: teams, their users and boards, the tasks
 * on each board, and which board or user is away on another team for the moment. Made from a
 * seed, so that the two sides of a run (equality-only and relational) start from the same data.
 * A board's monitor guards its tasks and where it is: a task write and a move of its board never
 * overlap, so every task write is known to land on the board's home team, whose subscribers see it.
 */
final class BoardModel {
  final List<TeamState> teams = new ArrayList<>();
  final List<BoardState> boards = new ArrayList<>();
  final List<UserState> users = new ArrayList<>();

  /**
   * {@code teamCount} teams, each with {@code usersPerTeam} users (the first an admin), 1 or 2
   * boards, and 18 to 22 tasks spread over its boards, 9 in 10 of them assigned to a user of the team.
   */
  static BoardModel generate(long seed, int teamCount, int usersPerTeam) {
    SplittableRandom random = new SplittableRandom(seed);
    BoardModel model = new BoardModel();
    for (int t = 0; t < teamCount; t++) {
      TeamState team = new TeamState(String.format("t%04d", t));
      model.teams.add(team);
      for (int u = 0; u < usersPerTeam; u++) {
        UserState user = new UserState(team.id + "-u" + u, team, u == 0 ? Role.ADMIN : Role.MEMBER);
        team.users.add(user);
        model.users.add(user);
      }
      int boards = 1 + random.nextInt(2);
      for (int b = 0; b < boards; b++) {
        BoardState board = new BoardState(team.id + "-b" + b, team);
        team.boards.add(board);
        model.boards.add(board);
      }
      int tasks = 18 + random.nextInt(5);
      for (int k = 0; k < tasks; k++) {
        BoardState board = team.boards.get(random.nextInt(boards));
        UserState assignee = random.nextInt(10) == 0 ? null : team.users.get(random.nextInt(usersPerTeam));
        board.initial.add(new InitialTask(team.id + "-k" + k, board.nextPosition++, assignee == null ? null : assignee.id,
            random.nextInt(3)));
        board.tasks.add(team.id + "-k" + k);
      }
    }
    return model;
  }

  int taskCount() {
    int count = 0;
    for (BoardState board : boards) {
      count += board.initial.size();
    }
    return count;
  }

  /** A team. */
  static final class TeamState {
    final String id;
    final List<UserState> users = new ArrayList<>();
    final List<BoardState> boards = new ArrayList<>();

    TeamState(String id) {
      this.id = id;
    }
  }

  /** A user; away while moved to another team. Guarded by its own monitor. */
  static final class UserState {
    final String id;
    final TeamState home;
    Role role;
    boolean away;
    long awaySince;

    UserState(String id, TeamState home, Role role) {
      this.id = id;
      this.home = home;
      this.role = role;
    }
  }

  /** A board; away while moved to another team. Guarded by its own monitor. */
  static final class BoardState {
    final String id;
    final TeamState home;
    /** The tasks on it, written at the start. */
    final List<InitialTask> initial = new ArrayList<>();
    /** The ids of its tasks now. */
    final List<String> tasks = new ArrayList<>();
    int nextPosition;
    boolean away;
    long awaySince;
    /** The subscriber that times this board's deltas, one per node (set when subscribing). */
    volatile PageListener probe;

    BoardState(String id, TeamState home) {
      this.id = id;
      this.home = home;
    }
  }

  /** A task as first written: its status is the index of one of Status's constants. */
  record InitialTask(String id, int position, String assigneeId, int status) {}
}

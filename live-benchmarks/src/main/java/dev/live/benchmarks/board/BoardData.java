package dev.live.benchmarks.board;

import dev.live.dto.InsertDto;
import dev.live.examples.board.Board;
import dev.live.examples.board.BoardInsert;
import dev.live.examples.board.Status;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.Team;
import dev.live.examples.board.TeamInsert;
import dev.live.examples.board.User;
import dev.live.examples.board.UserInsert;
import dev.live.procedure.DataAccess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes a {@link BoardModel}'s rows into storage, in batches, parents first. */
final class BoardData {
  static final Instant CREATED = Instant.parse("2026-11-01T09:00:00Z");
  private static final int BATCH = 1_000;

  private BoardData() {}

  static void write(DataAccess data, BoardModel model) {
    List<TeamInsert> teams = new ArrayList<>();
    List<UserInsert> users = new ArrayList<>();
    List<BoardInsert> boards = new ArrayList<>();
    List<TaskInsert> tasks = new ArrayList<>();
    for (BoardModel.TeamState team : model.teams) {
      teams.add(TeamInsert.of(new Team(team.id, "Team " + team.id, CREATED)));
      for (BoardModel.UserState user : team.users) {
        users.add(UserInsert.of(new User(user.id, "User " + user.id, null, team.id, user.role)));
      }
      for (BoardModel.BoardState board : team.boards) {
        boards.add(BoardInsert.of(new Board(board.id, "Board " + board.id, team.id, null, null, CREATED)));
        for (BoardModel.InitialTask task : board.initial) {
          tasks.add(TaskInsert.of(task(task.id(), board.id, "Task " + task.id(), Status.values()[task.status()],
              task.assigneeId(), task.position())));
        }
      }
    }
    insert(data, teams);
    insert(data, users);
    insert(data, boards);
    insert(data, tasks);
  }

  static Task task(String id, String boardId, String title, Status status, String assigneeId, int position) {
    return new Task(id, boardId, title, status, assigneeId, null, position, 1.0, 1L, List.of(), null);
  }

  static <T> void insert(DataAccess data, List<? extends InsertDto<T>> rows) {
    for (int from = 0; from < rows.size(); from += BATCH) {
      data.insertAll(rows.subList(from, Math.min(rows.size(), from + BATCH)));
    }
  }
}

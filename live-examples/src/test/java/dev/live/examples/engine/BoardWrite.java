package dev.live.examples.engine;

import dev.live.examples.board.Board;
import dev.live.examples.board.BoardInsert;
import dev.live.examples.board.BoardUpdate;
import dev.live.examples.board.Board_;
import dev.live.examples.board.Comment;
import dev.live.examples.board.CommentInsert;
import dev.live.examples.board.CommentUpdate;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.Role;
import dev.live.examples.board.Status;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.examples.board.TeamInsert;
import dev.live.examples.board.TeamUpdate;
import dev.live.examples.board.Team_;
import dev.live.examples.board.User;
import dev.live.examples.board.UserInsert;
import dev.live.examples.board.UserUpdate;
import dev.live.examples.board.User_;
import dev.live.procedure.DataAccess;
import dev.live.query.QuerySpec;
import dev.live.query.RowShape;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * One random write to the {@link BoardWorld}, as a record whose {@code toString} is what a
 * failure report shows. Ids come from small pools that include rows that do not exist (yet), so
 * that storage refuses some writes: a missing row, a duplicate id, a reference to a missing row,
 * or the delete of a row still referenced. In a nested field {@code null} means "leave as is";
 * {@link #NONE} sets a nullable reference to null.
 */
sealed interface BoardWrite {
  /** The value of a nullable field that sets it to null. */
  String NONE = "none";

  List<String> TASKS = List.of("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "t10", "t11", "t12", "t13");
  List<String> NEW_TASKS = List.of("t11", "t12", "t13");
  List<String> BOARDS = List.of("b1", "b2", "b3", "b4", "b5", "b6");
  List<String> USERS = List.of("u1", "u2", "u3", "u4", "u5", "u6");
  List<String> TEAM_NAMES = List.of("Core", "Growth", "Ops", "Sales");
  int COMMENT_IDS = 9;

  /** Applies the write; throws a LiveException when storage refuses it. */
  void apply(DataAccess data);

  record InsertTask(String id, String boardId, Status status, String assigneeId, int position, double estimate,
      int dueDays) implements BoardWrite {
    @Override
    public void apply(DataAccess data) {
      data.insert(TaskInsert.builder().id(id).boardId(boardId).title("Task " + id).status(status)
          .assigneeId(assigneeId).due(BoardWorld.due(dueDays)).position(position).estimate(estimate).revision(1L)
          .labels(List.of()).build());
    }
  }

  /** Changes any of the fields a board and the queries look at. */
  record UpdateTask(String id, Status status, Integer position, Double estimate, Integer dueDays, String boardId,
      String assigneeId, String title) implements BoardWrite {
    @Override
    public void apply(DataAccess data) {
      TaskUpdate update = TaskUpdate.of();
      if (title != null) {
        update = update.title(title);
      }
      if (status != null) {
        update = update.status(status);
      }
      if (position != null) {
        update = update.position(position);
      }
      if (estimate != null) {
        update = update.estimate(estimate);
      }
      if (dueDays != null) {
        update = update.due(BoardWorld.due(dueDays));
      }
      if (boardId != null) {
        update = update.boardId(boardId);
      }
      if (assigneeId != null) {
        update = update.assigneeId(assigneeId.equals(NONE) ? null : assigneeId);
      }
      data.update(id, update);
    }
  }

  record DeleteTask(String id) implements BoardWrite {
    @Override
    public void apply(DataAccess data) {
      data.delete(Task_.COLLECTION, id);
    }
  }

  record InsertComment(int n, String taskId, String authorId, String body, int minutes) implements BoardWrite {
    @Override
    public void apply(DataAccess data) {
      data.insert(CommentInsert.builder().id(BoardWorld.commentId(n)).taskId(taskId).authorId(authorId).body(body)
          .createdAt(BoardWorld.T0.plusSeconds(60L * minutes)).build());
    }
  }

  record UpdateComment(int n, String taskId, String authorId, String body, Integer minutes) implements BoardWrite {
    @Override
    public void apply(DataAccess data) {
      CommentUpdate update = CommentUpdate.of();
      if (taskId != null) {
        update = update.taskId(taskId);
      }
      if (authorId != null) {
        update = update.authorId(authorId);
      }
      if (body != null) {
        update = update.body(body);
      }
      if (minutes != null) {
        update = update.createdAt(BoardWorld.T0.plusSeconds(60L * minutes));
      }
      data.update(BoardWorld.commentId(n), update);
    }
  }

  record DeleteComment(int n) implements BoardWrite {
    @Override
    public void apply(DataAccess data) {
      data.delete(Comment_.COLLECTION, BoardWorld.commentId(n));
    }
  }

  record UpdateUser(String id, String teamId, String name, Role role) implements BoardWrite {
    @Override
    public void apply(DataAccess data) {
      UserUpdate update = UserUpdate.of();
      if (teamId != null) {
        update = update.teamId(teamId);
      }
      if (name != null) {
        update = update.name(name);
      }
      if (role != null) {
        update = update.role(role);
      }
      data.update(id, update);
    }
  }

  record InsertUser(String id, String teamId, Role role) implements BoardWrite {
    @Override
    public void apply(DataAccess data) {
      data.insert(UserInsert.builder().id(id).name("New " + id).teamId(teamId).role(role).build());
    }
  }

  record DeleteUser(String id) implements BoardWrite {
    @Override
    public void apply(DataAccess data) {
      data.delete(User_.COLLECTION, id);
    }
  }

  record UpdateBoard(String id, String teamId, String title) implements BoardWrite {
    @Override
    public void apply(DataAccess data) {
      BoardUpdate update = BoardUpdate.of();
      if (teamId != null) {
        update = update.teamId(teamId);
      }
      if (title != null) {
        update = update.title(title);
      }
      data.update(id, update);
    }
  }

  record InsertBoard(String id, String teamId, String title) implements BoardWrite {
    @Override
    public void apply(DataAccess data) {
      data.insert(BoardInsert.builder().id(id).title(title).teamId(teamId).createdAt(BoardWorld.T0).build());
    }
  }

  record DeleteBoard(String id) implements BoardWrite {
    @Override
    public void apply(DataAccess data) {
      data.delete(Board_.COLLECTION, id);
    }
  }

  record InsertTeam(String id, String name) implements BoardWrite {
    @Override
    public void apply(DataAccess data) {
      data.insert(TeamInsert.builder().id(id).name(name).createdAt(BoardWorld.T0).build());
    }
  }

  record DeleteTeam(String id) implements BoardWrite {
    @Override
    public void apply(DataAccess data) {
      data.delete(Team_.COLLECTION, id);
    }
  }

  /** Team names are unique: a rename to a name in use is refused. */
  record RenameTeam(String id, String name) implements BoardWrite {
    @Override
    public void apply(DataAccess data) {
      data.update(id, TeamUpdate.of().name(name));
    }
  }

  /**
   * Changes every row but the teams without moving it in any query's order: a task's revision, a
   * comment's time (a minute later, all of them), a user's or board's name (a dot more). Each row
   * is then judged again by every node and relation set that holds it or could take it.
   */
  record Touch() implements BoardWrite {
    @Override
    public void apply(DataAccess data) {
      for (Task task : data.select(QuerySpec.all(Task_.COLLECTION), RowShape.plain())) {
        data.update(task.id(), TaskUpdate.of().revision(task.revision() + 1));
      }
      for (Comment comment : data.select(QuerySpec.all(Comment_.COLLECTION), RowShape.plain())) {
        data.update(comment.id(), CommentUpdate.of().createdAt(comment.createdAt().plusSeconds(60)));
      }
      for (User user : data.select(QuerySpec.all(User_.COLLECTION), RowShape.plain())) {
        data.update(user.id(), UserUpdate.of().name(user.name() + "."));
      }
      for (Board board : data.select(QuerySpec.all(Board_.COLLECTION), RowShape.plain())) {
        data.update(board.id(), BoardUpdate.of().title(board.title() + "."));
      }
    }
  }

  /** Random writes, most of them to tasks and comments. */
  static Arbitrary<BoardWrite> writes() {
    Arbitrary<String> tasks = Arbitraries.of(TASKS);
    Arbitrary<String> boards = Arbitraries.of(BOARDS);
    Arbitrary<String> users = Arbitraries.of(USERS);
    // team4 does not exist until a write inserts it.
    Arbitrary<String> teams = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(BoardWorld.TEAM_IDS)),
        Tuple.of(1, Arbitraries.just("team4")));
    Arbitrary<Integer> positions = Arbitraries.integers().between(0, 4);
    Arbitrary<Integer> dueDays = Arbitraries.integers().between(-1, 3);
    Arbitrary<Integer> minutes = Arbitraries.integers().between(0, 5);
    Arbitrary<Integer> comments = Arbitraries.integers().between(1, COMMENT_IDS);
    // Inserts mostly take ids the world does not have yet.
    Arbitrary<String> newTasks = Arbitraries.frequencyOf(Tuple.of(1, tasks), Tuple.of(3, Arbitraries.of(NEW_TASKS)));
    Arbitrary<Integer> newComments = Arbitraries.frequencyOf(Tuple.of(1, comments),
        Tuple.of(3, Arbitraries.integers().between(BoardWorld.COMMENTS + 1, COMMENT_IDS)));
    Arbitrary<Double> estimates = Arbitraries.of(BoardWorld.ESTIMATES);
    Arbitrary<String> bodies = Arbitraries.of(BoardWorld.BODIES);

    Arbitrary<BoardWrite> insertTask = Combinators.combine(newTasks, boards, Arbitraries.of(Status.class),
            users.injectNull(0.3), positions, estimates, dueDays)
        .as(InsertTask::new);
    Arbitrary<BoardWrite> updateTask = Combinators.combine(tasks, Arbitraries.of(Status.class).injectNull(0.5),
            positions.injectNull(0.6), estimates.injectNull(0.7), dueDays.injectNull(0.7), boards.injectNull(0.7),
            Arbitraries.oneOf(users, Arbitraries.just(NONE)).injectNull(0.6),
            tasks.map(id -> "Task " + id).injectNull(0.8))
        .as(UpdateTask::new);
    Arbitrary<BoardWrite> deleteTask = tasks.map(DeleteTask::new);
    Arbitrary<BoardWrite> insertComment = Combinators.combine(newComments, tasks, users, bodies, minutes)
        .as(InsertComment::new);
    Arbitrary<BoardWrite> updateComment = Combinators.combine(comments, tasks.injectNull(0.4), users.injectNull(0.7),
            bodies.injectNull(0.5), minutes.injectNull(0.6))
        .as(UpdateComment::new);
    Arbitrary<BoardWrite> deleteComment = comments.map(DeleteComment::new);
    Arbitrary<BoardWrite> updateUser = Combinators.combine(users, teams.injectNull(0.4),
            Arbitraries.of("Ann", "Bob", "Zed").injectNull(0.6), Arbitraries.of(Role.class).injectNull(0.5))
        .as(UpdateUser::new);
    Arbitrary<BoardWrite> insertUser = Combinators.combine(users, teams, Arbitraries.of(Role.class)).as(InsertUser::new);
    Arbitrary<BoardWrite> deleteUser = users.map(DeleteUser::new);
    Arbitrary<BoardWrite> updateBoard = Combinators.combine(boards, teams.injectNull(0.3),
            Arbitraries.of(BoardWorld.BOARD_TITLES).injectNull(0.6))
        .as(UpdateBoard::new);
    Arbitrary<BoardWrite> insertBoard = Combinators.combine(boards, teams, Arbitraries.of(BoardWorld.BOARD_TITLES))
        .as(InsertBoard::new);
    Arbitrary<BoardWrite> deleteBoard = boards.map(DeleteBoard::new);
    Arbitrary<BoardWrite> insertTeam = Combinators.combine(teams, Arbitraries.of(TEAM_NAMES)).as(InsertTeam::new);
    Arbitrary<BoardWrite> deleteTeam = teams.map(DeleteTeam::new);
    Arbitrary<BoardWrite> renameTeam = Combinators.combine(teams, Arbitraries.of(TEAM_NAMES)).as(RenameTeam::new);
    return Arbitraries.frequencyOf(
        Tuple.of(4, insertTask),
        Tuple.of(10, updateTask),
        Tuple.of(2, deleteTask),
        Tuple.of(3, insertComment),
        Tuple.of(3, updateComment),
        Tuple.of(2, deleteComment),
        Tuple.of(3, updateUser),
        Tuple.of(1, insertUser),
        Tuple.of(1, deleteUser),
        Tuple.of(3, updateBoard),
        Tuple.of(1, insertBoard),
        Tuple.of(1, deleteBoard),
        Tuple.of(1, renameTeam),
        Tuple.of(1, insertTeam),
        Tuple.of(1, deleteTeam));
  }
}

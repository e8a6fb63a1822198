package dev.live.examples.engine;

import dev.live.examples.board.Board;
import dev.live.examples.board.BoardInsert;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A small random board world for the relational engine properties: three teams, five users,
 * five boards, ten tasks and six comments. Ids are fixed, so that random writes can name rows;
 * who belongs where (a user's or board's team, a task's board and assignee, a comment's task and
 * author) and the values queries order and filter by are random, with ties on purpose. Users
 * u1 and u2 start in team1 and u3 in team2, b1 on team1 and b2 on team2: the subscribers' teams.
 * Values are as storage keeps them (instants to the second), so that records compare equal.
 */
record BoardWorld(List<User> users, List<Board> boards, List<Task> tasks, List<Comment> comments) {
  static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
  static final List<String> TEAM_IDS = List.of("team1", "team2", "team3");
  static final List<Team> TEAMS = List.of(new Team("team1", "Core", T0), new Team("team2", "Growth", T0),
      new Team("team3", "Ops", T0));
  static final List<String> USER_IDS = List.of("u1", "u2", "u3", "u4", "u5");
  static final List<String> BOARD_IDS = List.of("b1", "b2", "b3", "b4", "b5");
  static final List<String> TASK_IDS = List.of("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "t10");
  static final int COMMENTS = 6;
  static final List<String> BOARD_TITLES = List.of("Launch", "Backlog", "Plans");
  static final List<String> BODIES = List.of("note", "ok", "lgtm");
  static final List<Double> ESTIMATES = List.of(0.5, 1.0, 2.0, 3.0);

  /** The due date of a task {@code days} after T0; null for a negative number. */
  static Instant due(int days) {
    return days < 0 ? null : T0.plusSeconds(86_400L * days);
  }

  /** Comment {@code n}'s id. */
  static UUID commentId(int n) {
    return new UUID(0, n);
  }

  /** Writes the world in one transaction. */
  void seed(DataAccess data) {
    data.transaction(tx -> {
      tx.insertAll(TEAMS.stream().map(TeamInsert::of).toList());
      tx.insertAll(users.stream().map(UserInsert::of).toList());
      tx.insertAll(boards.stream().map(BoardInsert::of).toList());
      tx.insertAll(tasks.stream().map(TaskInsert::of).toList());
      tx.insertAll(comments.stream().map(CommentInsert::of).toList());
      return null;
    });
  }

  static Arbitrary<BoardWorld> worlds() {
    Arbitrary<String> teams = Arbitraries.of(TEAM_IDS);
    Arbitrary<List<User>> users = Combinators.combine(teams.list().ofSize(2), Arbitraries.of(Role.class).list().ofSize(2),
            Arbitraries.of(true, false).list().ofSize(5))
        .as((moreTeams, moreRoles, emails) -> {
          List<String> teamOf = List.of("team1", "team1", "team2", moreTeams.get(0), moreTeams.get(1));
          List<Role> roleOf = List.of(Role.ADMIN, Role.MEMBER, Role.MEMBER, moreRoles.get(0), moreRoles.get(1));
          List<String> names = List.of("Ann", "Bob", "Cyd", "Dee", "Eve");
          List<User> made = new ArrayList<>();
          for (int i = 0; i < USER_IDS.size(); i++) {
            made.add(new User(USER_IDS.get(i), names.get(i), emails.get(i) ? names.get(i).toLowerCase() + "@example.com" : null,
                teamOf.get(i), roleOf.get(i)));
          }
          return made;
        });
    Arbitrary<List<Board>> boards = Combinators.combine(teams.list().ofSize(3), Arbitraries.of(BOARD_TITLES).list().ofSize(5))
        .as((moreTeams, titles) -> {
          List<String> teamOf = List.of("team1", "team2", moreTeams.get(0), moreTeams.get(1), moreTeams.get(2));
          List<Board> made = new ArrayList<>();
          for (int i = 0; i < BOARD_IDS.size(); i++) {
            made.add(new Board(BOARD_IDS.get(i), titles.get(i), teamOf.get(i), null, null, T0));
          }
          return made;
        });
    Arbitrary<Task> task = Combinators.combine(Arbitraries.of(BOARD_IDS), Arbitraries.of(Status.class),
            Arbitraries.of(USER_IDS).injectNull(0.3), Arbitraries.integers().between(-1, 3),
            Arbitraries.integers().between(0, 4), Arbitraries.of(ESTIMATES))
        .as((board, status, assignee, dueDays, position, estimate) ->
            new Task("?", board, "?", status, assignee, due(dueDays), position, estimate, 1L, List.of(), null));
    Arbitrary<List<Task>> tasks = task.list().ofSize(TASK_IDS.size()).map(drafts -> {
      List<Task> made = new ArrayList<>();
      for (int i = 0; i < drafts.size(); i++) {
        Task d = drafts.get(i);
        String id = TASK_IDS.get(i);
        made.add(new Task(id, d.boardId(), "Task " + id, d.status(), d.assigneeId(), d.due(), d.position(),
            d.estimate(), d.revision(), d.labels(), d.checklist()));
      }
      return made;
    });
    Arbitrary<Comment> comment = Combinators.combine(Arbitraries.of(TASK_IDS), Arbitraries.of(USER_IDS),
            Arbitraries.of(BODIES), Arbitraries.integers().between(1, 4))
        .as((taskId, author, body, minutes) -> new Comment(commentId(0), taskId, author, body, T0.plusSeconds(60L * minutes)));
    Arbitrary<List<Comment>> comments = comment.list().ofSize(COMMENTS).map(drafts -> {
      List<Comment> made = new ArrayList<>();
      for (int i = 0; i < drafts.size(); i++) {
        Comment d = drafts.get(i);
        made.add(new Comment(commentId(i + 1), d.taskId(), d.authorId(), d.body(), d.createdAt()));
      }
      return made;
    });
    return Combinators.combine(users, boards, tasks, comments).as(BoardWorld::new);
  }

  /** One line per row, short: what a failure report shows of the world. */
  @Override
  public String toString() {
    return "users " + users.stream().map(u -> u.id() + "@" + u.teamId() + "/" + u.role()).collect(Collectors.joining(" "))
        + "\n  boards " + boards.stream().map(b -> b.id() + "@" + b.teamId() + "/" + b.title()).collect(Collectors.joining(" "))
        + "\n  tasks " + tasks.stream().map(t -> t.id() + "@" + t.boardId() + "/" + t.status() + "/" + t.assigneeId()
            + "/pos" + t.position() + "/est" + t.estimate() + "/due" + (t.due() == null ? "-" : t.due().toString().substring(5, 10)))
            .collect(Collectors.joining(" "))
        + "\n  comments " + comments.stream().map(c -> "c" + c.id().getLeastSignificantBits() + "@" + c.taskId() + "/"
            + c.authorId() + "/" + c.body() + "/" + c.createdAt().toString().substring(11, 16)).collect(Collectors.joining(" "));
  }
}

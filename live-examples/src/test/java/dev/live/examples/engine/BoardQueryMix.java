package dev.live.examples.engine;

import dev.live.examples.board.BoardQuery;
import dev.live.examples.board.Board_;
import dev.live.examples.board.CommentQuery;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.Role;
import dev.live.examples.board.Status;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.Task_;
import dev.live.examples.board.TeamQuery;
import dev.live.examples.board.Team_;
import dev.live.examples.board.UserQuery;
import dev.live.examples.board.User_;
import dev.live.query.Condition;
import dev.live.query.QuerySpec;
import java.util.List;

/**
 * The queries every subscriber of the relational engine properties subscribes to, before their
 * read rules restrict them: the board page, windows with includes two and three deep, relation
 * conditions of each quantifier (also nested, negated and in an {@code or}), to-one includes
 * nested in to-one and in to-many includes, {@code first()} and {@code one(id)}, and wheres keyed
 * by an equality, an {@code in}, a prefix or a range (at the top of a query, or of a relation
 * set's condition). The read rules add relation conditions of their own to every level (tasks:
 * {@code board.is(team)}, comments: {@code task.is(board.is(team))}), so that the includes'
 * wheres are relational too; server code runs the queries as they are.
 */
final class BoardQueryMix {
  /** A query and a name for failure reports. */
  record Named(String name, QuerySpec<?> spec) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Named> QUERIES = List.of(
      new Named("board page b1", TaskQuery.where(Task_.boardId.eq("b1")).orderBy(Task_.position.asc())
          .include(Task_.assignee).spec()),
      new Named("board page b2", TaskQuery.where(Task_.boardId.eq("b2")).orderBy(Task_.position.asc())
          .include(Task_.assignee).spec()),
      new Named("open tasks by due, 3, with assignee and last 2 comments with author",
          TaskQuery.where(Task_.status.ne(Status.DONE)).orderBy(Task_.due.asc()).limit(3)
              .include(Task_.assignee,
                  Task_.comments.orderBy(Comment_.createdAt.desc()).limit(2).include(Comment_.author))
              .spec()),
      new Named("2 biggest tasks with board and its team, first comment with its author",
          TaskQuery.all().orderBy(Task_.estimate.desc(), Task_.due.desc()).limit(2)
              .include(Task_.board.include(Board_.team),
                  Task_.comments.orderBy(Comment_.createdAt.asc()).limit(1).include(Comment_.author))
              .spec()),
      new Named("users with a task in progress, with 2 open tasks",
          UserQuery.where(User_.assignedTasks.some(Task_.status.eq(Status.DOING))).orderBy(User_.name.asc())
              .include(User_.assignedTasks.where(Task_.status.ne(Status.DONE)).orderBy(Task_.position.asc())
                  .limit(2))
              .spec()),
      new Named("boards with nothing done, with their last 2 tasks and comments",
          BoardQuery.where(Board_.tasks.none(Task_.status.eq(Status.DONE)))
              .include(Board_.tasks.orderBy(Task_.position.desc()).limit(2).include(Task_.comments))
              .spec()),
      new Named("boards whose tasks are all done (or that have none)",
          BoardQuery.where(Board_.tasks.every(Task_.status.eq(Status.DONE))).orderBy(Board_.title.asc()).spec()),
      new Named("comments with task with board, and author",
          CommentQuery.all().orderBy(Comment_.createdAt.desc())
              .include(Comment_.task.include(Task_.board), Comment_.author).spec()),
      new Named("teams with boards with 2 tasks with assignee, and admins",
          TeamQuery.all().orderBy(Team_.name.asc())
              .include(Team_.boards.orderBy(Board_.title.asc())
                      .include(Board_.tasks.orderBy(Task_.position.asc()).limit(2).include(Task_.assignee)),
                  Team_.members.where(User_.role.eq(Role.ADMIN)))
              .spec()),
      new Named("first task of an admin, with comments",
          TaskQuery.where(Task_.assignee.is(User_.role.eq(Role.ADMIN))).orderBy(Task_.position.desc())
              .include(Task_.comments).first().spec()),
      new Named("task t1 with comments with author",
          TaskQuery.all().include(Task_.comments.include(Comment_.author)).one("t1").spec()),
      new Named("tasks commented by someone of team2, or unassigned",
          TaskQuery.where(Task_.comments.some(Comment_.author.is(User_.teamId.eq("team2")))
                  .or(Task_.assigneeId.isNull()))
              .orderBy(Task_.title.asc()).spec()),
      new Named("tasks not on a team3 board and without a note, 4 by position",
          TaskQuery.where(Condition.not(Task_.board.is(Board_.teamId.eq("team3")))
                  .and(Task_.comments.none(Comment_.body.eq("note"))))
              .orderBy(Task_.position.asc(), Task_.estimate.desc()).limit(4)
              .include(Task_.assignee.include(User_.team)).spec()),
      new Named("comments with their task with its 2 latest comments",
          CommentQuery.where(Comment_.body.ne("ok")).orderBy(Comment_.createdAt.asc())
              .include(Comment_.task.include(Task_.comments.orderBy(Comment_.createdAt.desc()).limit(2))).spec()),
      new Named("tasks on boards with a task in progress, with the board's first task",
          TaskQuery.where(Task_.board.is(Board_.tasks.some(Task_.status.eq(Status.DOING))))
              .orderBy(Task_.estimate.asc()).limit(3)
              .include(Task_.board.include(Board_.tasks.orderBy(Task_.position.asc()).limit(1))).spec()),
      new Named("users with nothing open, with their team's boards",
          UserQuery.where(User_.assignedTasks.none(Task_.status.ne(Status.DONE)))
              .include(User_.team.include(Team_.boards.orderBy(Board_.title.desc()).limit(2))).spec()),
      new Named("boards with their noted tasks and in-progress assignees",
          BoardQuery.all().orderBy(Board_.title.asc()).limit(3)
              .include(Board_.tasks.where(Task_.comments.some(Comment_.body.eq("note"))).orderBy(Task_.due.desc())
                  .include(Task_.assignee.where(User_.assignedTasks.some(Task_.status.eq(Status.DOING)))))
              .spec()),
      new Named("tasks of b1 and b3 with their first comment",
          TaskQuery.where(Task_.boardId.in("b1", "b3")).orderBy(Task_.due.desc(), Task_.position.asc())
              .include(Task_.comments.orderBy(Comment_.createdAt.asc()).limit(1)).spec()),
      new Named("task t2 if someone said lgtm on it",
          TaskQuery.where(Task_.comments.some(Comment_.body.eq("lgtm"))).include(Task_.assignee).one("t2").spec()),
      new Named("u1 and u4 unless they have something done, with their biggest task",
          UserQuery.where(User_.id.in("u1", "u4").and(User_.assignedTasks.none(Task_.status.eq(Status.DONE))))
              .include(User_.assignedTasks.orderBy(Task_.estimate.desc()).limit(1)).spec()),
      new Named("tasks due after the first day, 3 by due, with assignee",
          TaskQuery.where(Task_.due.gt(BoardWorld.due(1))).orderBy(Task_.due.asc()).limit(3)
              .include(Task_.assignee).spec()),
      new Named("tasks at positions 1 to 3 estimated under 3",
          TaskQuery.where(Task_.position.gte(1).and(Task_.position.lte(3)).and(Task_.estimate.lt(3.0)))
              .orderBy(Task_.position.desc()).spec()),
      new Named("tasks titled 'Task t1...', with their later comments",
          TaskQuery.where(Task_.title.startsWith("Task t1"))
              .include(Task_.comments.where(Comment_.createdAt.gte(BoardWorld.T0.plusSeconds(120)))).spec()),
      new Named("comments of minutes 2 to 4",
          CommentQuery.where(Comment_.createdAt.gt(BoardWorld.T0.plusSeconds(60))
              .and(Comment_.createdAt.lte(BoardWorld.T0.plusSeconds(240)))).spec()),
      new Named("teams named from G on, with their boards",
          TeamQuery.where(Team_.name.gte("G")).include(Team_.boards.orderBy(Board_.title.asc())).spec()),
      new Named("users of teams whose name starts with C, named from B on",
          UserQuery.where(User_.team.is(Team_.name.startsWith("C")).and(User_.name.gte("B"))).spec()),
      new Named("boards of teams named up to Growth, with their open tasks",
          BoardQuery.where(Board_.team.is(Team_.name.lte("Growth")))
              .include(Board_.tasks.where(Task_.status.ne(Status.DONE)).orderBy(Task_.position.asc()).limit(2))
              .spec()),
      new Named("board b3 with tasks with comments", BoardQuery.all()
          .include(Board_.tasks.orderBy(Task_.position.asc()).include(Task_.comments, Task_.assignee)).one("b3")
          .spec()));

  private BoardQueryMix() {}
}

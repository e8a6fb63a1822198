package dev.live.benchmarks.neighbour;

import dev.live.examples.board.Status;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.Task_;
import dev.live.query.QueryJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The attacker's queries: {@code count} distinct ones over its team's tasks, each a query any
 * board client may send, in the wire form ({@link QueryJson}), in five kinds taken in turn:
 * a board's tasks by position in windows of growing size; tasks from a position on, 50 at a
 * time, with their assignee; a board's tasks of one status by revision; tasks whose title starts
 * with a prefix, by due date, with their assignee; and a user's tasks by due date, with their
 * assignee and comments. The server ANDs in the attacker's read rules, so none of them reaches
 * another team, and since the queries differ, none shares a node with another.
 */
final class AttackerQueries {
  private AttackerQueries() {}

  static List<String> all(int count) {
    List<String> boards = NeighbourData.boards();
    List<String> users = NeighbourData.users();
    List<String> queries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String board = boards.get(i % boards.size());
      int step = i / 5;
      TaskQuery<?> query = switch (i % 5) {
        case 0 -> TaskQuery.where(Task_.boardId.eq(board)).orderBy(Task_.position.asc()).limit(10 + step);
        case 1 -> TaskQuery.where(Task_.position.gte(step * 5)).orderBy(Task_.position.asc()).limit(50)
            .include(Task_.assignee);
        case 2 -> TaskQuery.where(Task_.status.eq(Status.values()[step % 3]).and(Task_.boardId.eq(board)))
            .orderBy(Task_.revision.desc()).limit(20 + step);
        case 3 -> TaskQuery.where(Task_.title.startsWith(String.format("Task %03d", step)))
            .orderBy(Task_.due.asc()).include(Task_.assignee);
        default -> TaskQuery.where(Task_.assigneeId.eq(users.get(step % users.size()))).orderBy(Task_.due.asc())
            .limit(5 + step).include(Task_.assignee, Task_.comments);
      };
      queries.add(QueryJson.encode(query.spec()));
    }
    return queries;
  }
}

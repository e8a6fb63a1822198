package dev.live.benchmarks.board;

import dev.live.auth.ReadRestriction;
import dev.live.auth.Rules;
import dev.live.benchmarks.server.InsertCounter;
import dev.live.benchmarks.suite.Figure;
import dev.live.benchmarks.suite.SummaryTable;
import dev.live.engine.EngineSubscription;
import dev.live.engine.LiveEngine;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.Board;
import dev.live.examples.board.BoardInsert;
import dev.live.examples.board.BoardRules;
import dev.live.examples.board.Role;
import dev.live.examples.board.Status;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.Task_;
import dev.live.examples.board.Team;
import dev.live.examples.board.TeamInsert;
import dev.live.examples.board.TeamScope;
import dev.live.examples.board.User;
import dev.live.examples.board.UserInsert;
import dev.live.query.QuerySpec;
import dev.live.storage.Database;
import dev.live.storage.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Per-mutation cost with 100 and with 100,000 unrelated live queries under relational read rules
 * (DESIGN.md: at most 1.5×), the relational counterpart of {@code ScalingBenchmark}. Every query
 * is a board page of the board example, {@code tasks where boardId = b order by position,
 * include assignee}, restricted by a member's read rules ({@code board is (teamId = t)}, and the
 * assignee to users of team t): the unrelated ones on boards of their own (100 boards per team,
 * one task each, teams of 10 users), the hot one on a board of a team of its own. 4 threads
 * insert tasks on the hot board, and the cost per mutation is the time until the hot subscriber
 * has received every one of them, divided by their number; the figure is the ratio of the two
 * costs. A warm-up run comes first. Run: {@code java -cp live-benchmarks/target/benchmarks.jar
 * dev.live.benchmarks.board.TeamScalingBenchmark [writes]}.
 */
public final class TeamScalingBenchmark {
  private static final Rules RULES = BoardRules.rules();
  private static final int BOARDS_PER_TEAM = 100;
  private static final int USERS_PER_TEAM = 10;
  private static final String AREA = "scaling";

  private TeamScalingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int writes = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    SummaryTable.print(System.out, figures(writes));
  }

  /** The per-mutation costs with 100 and 100,000 unrelated team-restricted queries, and their ratio. */
  public static List<Figure> figures(int writes) throws Exception {
    run(100, writes / 4, "relational warm-up");
    double small = run(100, writes, "relational, 100 unrelated");
    double large = run(100_000, writes, "relational, 100,000 unrelated");
    double ratio = large / small;
    return List.of(
        Figure.info(AREA, "cost per mutation, 100 unrelated team-restricted queries", format("%.1f µs", small),
            writes + " task inserts from 4 threads, write to delivery; board pages with the assignee included, "
                + "restricted by the board's read rules"),
        Figure.info(AREA, "cost per mutation, 100,000 unrelated team-restricted queries", format("%.1f µs", large),
            "1,000 teams of 100 boards"),
        Figure.checked(AREA, "per-mutation cost, 100,000 vs 100 unrelated team-restricted queries",
            format("%.2f×", ratio), "≤ 1.5×", ratio <= 1.5,
            "the larger run comes second, with the JIT warmer: below 1 reads as no growth"));
  }

  /** Microseconds per mutation with {@code unrelated} other board pages subscribed. */
  private static double run(int unrelated, int writes, String label) throws Exception {
    int teams = Math.max(1, unrelated / BOARDS_PER_TEAM);
    try (Database database = Database.h2Memory("team-scaling" + System.nanoTime());
        Store store = Store.open(database, AppSchema.INSTANCE);
        LiveEngine engine = LiveEngine.start(store)) {
      write(store, teams, unrelated);
      long subscribing = System.nanoTime();
      InsertCounter ignored = new InsertCounter(0);
      List<EngineSubscription> subscriptions = new ArrayList<>();
      for (int i = 0; i < unrelated; i++) {
        String team = team(i / BOARDS_PER_TEAM);
        subscriptions.add(engine.subscribe(page(team + "-b" + i % BOARDS_PER_TEAM, team + "-u" + i % USERS_PER_TEAM, team),
            ignored));
      }
      InsertCounter hot = new InsertCounter(writes);
      subscriptions.add(engine.subscribe(page("hot-b", "hot-u0", "hot"), hot));
      System.out.printf("%s: %d queries subscribed in %d ms, %s%n", label, unrelated + 1,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - subscribing), engine.stats());
      double micros = hot.timeInserts(i -> store.insert(TaskInsert.of(BoardData.task("hot-k" + i, "hot-b", "Task " + i, Status.TODO,
          "hot-u" + i % USERS_PER_TEAM, i))));
      System.out.printf(Locale.ROOT, "%s: %d writes, %.1f us per mutation, %d deltas to unrelated queries%n", label,
          writes, micros, ignored.rows.get());
      subscriptions.forEach(EngineSubscription::close);
      return micros;
    }
  }

  /** The hot team with its board, and {@code teams} teams with {@code boards} boards in all, one task each. */
  private static void write(Store store, int teams, int boards) {
    List<TeamInsert> teamRows = new ArrayList<>();
    List<UserInsert> users = new ArrayList<>();
    List<BoardInsert> boardRows = new ArrayList<>();
    List<TaskInsert> tasks = new ArrayList<>();
    for (int t = -1; t < teams; t++) {
      String team = t < 0 ? "hot" : team(t);
      teamRows.add(TeamInsert.of(new Team(team, "Team " + team, BoardData.CREATED)));
      for (int u = 0; u < USERS_PER_TEAM; u++) {
        users.add(UserInsert.of(new User(team + "-u" + u, "User " + u, null, team, u == 0 ? Role.ADMIN : Role.MEMBER)));
      }
    }
    boardRows.add(BoardInsert.of(new Board("hot-b", "Hot", "hot", null, null, BoardData.CREATED)));
    for (int i = 0; i < boards; i++) {
      String team = team(i / BOARDS_PER_TEAM);
      String board = team + "-b" + i % BOARDS_PER_TEAM;
      boardRows.add(BoardInsert.of(new Board(board, "Board " + board, team, null, null, BoardData.CREATED)));
      tasks.add(TaskInsert.of(BoardData.task(board + "-k", board, "Task", Status.TODO, team + "-u" + i % USERS_PER_TEAM, 0)));
    }
    BoardData.insert(store, teamRows);
    BoardData.insert(store, users);
    BoardData.insert(store, boardRows);
    BoardData.insert(store, tasks);
  }

  private static String team(int index) {
    return String.format("t%04d", index);
  }

  private static QuerySpec<?> page(String board, String user, String team) {
    return new ReadRestriction(RULES, TeamScope.member(user, team, Role.MEMBER)).apply(
        TaskQuery.where(Task_.boardId.eq(board)).orderBy(Task_.position.asc()).include(Task_.assignee).spec());
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }
}

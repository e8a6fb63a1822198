package dev.live.benchmarks.server;

import dev.live.benchmarks.board.TeamScalingBenchmark;
import dev.live.benchmarks.codec.AppSchema;
import dev.live.benchmarks.codec.TodoQuery;
import dev.live.benchmarks.codec.Todo_;
import dev.live.benchmarks.suite.Figure;
import dev.live.benchmarks.suite.SummaryTable;
import dev.live.engine.EngineSubscription;
import dev.live.engine.LiveEngine;
import dev.live.query.QuerySpec;
import dev.live.storage.Database;
import dev.live.storage.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Per-mutation cost with 100 and with 100,000 unrelated live queries (DESIGN.md: at most 1.5×,
 * "even under relational read rules"). Each run opens an in-memory H2 store and an engine,
 * subscribes the unrelated queries ({@code todos where title = "other-i"}) and one hot query
 * ({@code title = "hot"}), then writes rows into the hot list from 4 threads and measures the
 * time until the hot subscriber has received every one of them. The cost per mutation is that
 * time divided by the number of writes; the figure is the ratio of the two costs. The same
 * measurement follows with unrelated queries the index finds by a range and by a prefix, and
 * with a relational read rule on every query ({@link TeamScalingBenchmark}).
 * Run: {@code java -cp live-benchmarks/target/benchmarks.jar dev.live.benchmarks.server.ScalingBenchmark
 * [writes] [equality-only]}.
 */
public final class ScalingBenchmark {
  private ScalingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int writes = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    boolean equalityOnly = args.length > 1 && args[1].equals("equality-only");
    SummaryTable.print(System.out, equalityOnly ? equalityFigures(writes) : figures(writes));
  }

  /**
   * The per-mutation costs with 100 and 100,000 unrelated queries and their ratio against the
   * target: equality queries on todos, then board pages restricted by the board's read rules.
   */
  public static List<Figure> figures(int writes) throws Exception {
    List<Figure> figures = new ArrayList<>(equalityFigures(writes));
    figures.addAll(indexFigures(writes));
    figures.addAll(TeamScalingBenchmark.figures(writes));
    return figures;
  }

  private static List<Figure> equalityFigures(int writes) throws Exception {
    return kindFigures(writes, "", i -> TodoQuery.where(Todo_.title.eq("other-" + i)).spec(), "");
  }

  /**
   * The same measurement with unrelated queries the index finds by a range (disjoint ranges of
   * revisions, the hot rows' revision in none) and by a prefix of the title ({@code docs/engine.md},
   * "The candidate index").
   */
  private static List<Figure> indexFigures(int writes) throws Exception {
    List<Figure> figures = new ArrayList<>(kindFigures(writes, "range ",
        i -> TodoQuery.where(Todo_.revision.gte(1_000L + 10L * i)).and(Todo_.revision.lt(1_010L + 10L * i)).spec(),
        "unrelated queries are disjoint ranges of revisions"));
    figures.addAll(kindFigures(writes, "prefix ", i -> TodoQuery.where(Todo_.title.startsWith("other-" + i + "-")).spec(),
        "unrelated queries are title prefixes, the hot rows' title starts with none"));
    return figures;
  }

  private static List<Figure> kindFigures(int writes, String kind, IntFunction<QuerySpec<?>> unrelated, String note)
      throws Exception {
    run(100, writes / 4, kind + "warm-up", unrelated);
    double small = run(100, writes, kind + "100 unrelated", unrelated);
    double large = run(100_000, writes, kind + "100,000 unrelated", unrelated);
    double ratio = large / small;
    String queries = kind + "queries";
    return List.of(
        Figure.info("scaling", "cost per mutation, 100 unrelated " + (kind.isEmpty() ? "live " : kind) + "queries",
            format("%.1f µs", small), writes + " inserts from 4 threads, write to delivery" + (note.isEmpty() ? "" : "; " + note)),
        Figure.info("scaling", "cost per mutation, 100,000 unrelated " + (kind.isEmpty() ? "live " : kind) + "queries",
            format("%.1f µs", large), ""),
        Figure.checked("scaling", "per-mutation cost, 100,000 vs 100 unrelated " + queries, format("%.2f×", ratio),
            "≤ 1.5×", ratio <= 1.5, "the larger run comes second, with the JIT warmer: below 1 reads as no growth"));
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }

  /** Microseconds per mutation with {@code unrelated} other queries (made by {@code query}) subscribed. */
  private static double run(int unrelated, int writes, String label, IntFunction<QuerySpec<?>> query) throws Exception {
    try (Database database = Database.h2Memory("scaling" + System.nanoTime());
        Store store = Store.open(database, AppSchema.INSTANCE);
        LiveEngine engine = LiveEngine.start(store)) {
      long subscribing = System.nanoTime();
      InsertCounter ignored = new InsertCounter(0);
      List<EngineSubscription> subscriptions = new ArrayList<>();
      for (int i = 0; i < unrelated; i++) {
        subscriptions.add(engine.subscribe(query.apply(i), ignored));
      }
      InsertCounter hot = new InsertCounter(writes);
      subscriptions.add(engine.subscribe(TodoQuery.where(Todo_.title.eq("hot")).spec(), hot));
      System.out.printf("%s: %d queries subscribed in %d ms%n", label, unrelated + 1,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - subscribing));
      double micros = hot.timeInserts(i -> store.insert(Todos.insert("t" + i, "hot")));
      System.out.printf("%s: %d writes, %.1f us per mutation, %d deltas to unrelated queries%n", label, writes,
          micros, ignored.rows.get());
      subscriptions.forEach(EngineSubscription::close);
      return micros;
    }
  }
}

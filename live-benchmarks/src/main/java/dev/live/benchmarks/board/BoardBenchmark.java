package dev.live.benchmarks.board;

import dev.live.benchmarks.server.ProcessFootprint;
import dev.live.benchmarks.suite.Figure;
import dev.live.benchmarks.suite.Spread;
import dev.live.benchmarks.suite.SummaryTable;
import dev.live.engine.EngineStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * "Team board at scale" (DESIGN.md: 10,000 subscriptions with relational read rules and an
 * include, 1,000 teams, 50 writes/s; p99 within 1.5× of equality-only queries, at most 1 storage
 * statement per write on average, at most 10 KB of heap per subscription), in one process, on the
 * engine, with H2 in memory.
 *
 * <p>Two sides, each its own database with the same data ({@link BoardModel}: 1,000 teams of 10
 * users, 1 or 2 boards and about 20 tasks each) and its own engine ({@link BoardSide}): on the
 * relational side every user subscribes to a board page of their team restricted by their read
 * rules, with the assignee included; on the equality-only side to the same page as a plain
 * {@code boardId = b} query. Heap per subscription is the heap after full collections with every
 * relational subscription made, less the heap before subscribing, divided by the subscriptions.
 *
 * <p>Then phases, alternating between the sides in pairs (equality-only first in odd pairs,
 * relational first in even ones), each after a warm-up: 50 task writes/s on both sides, and on the
 * relational side 10 related writes/s as well ({@link BoardLoad}). Latency is from just before
 * a write call to the delta of its version at one subscriber of the node it changes
 * ({@link PageListener}). Storage statements are counted by a statement observer
 * ({@link StatementCounter}): the engine's data-table SELECTs per write, and its change-log reads
 * per write, apart from the writes' own statements.
 *
 * <p>Run: {@code java -cp live-benchmarks/target/benchmarks.jar dev.live.benchmarks.board.BoardBenchmark
 * [teams, 1000] [pairs, 3] [seconds per phase, 20] [verbose]}; {@code verbose} prints the distinct
 * statements seen, sorted by kind.
 */
public final class BoardBenchmark {
  private static final long SEED = 20_261_207L;
  private static final int USERS_PER_TEAM = 10;
  private static final int TASK_WRITES_PER_SECOND = 50;
  private static final int RELATED_WRITES_PER_SECOND = 10;
  private static final int WARM_UP_SECONDS = 5;
  private static final String AREA = "board";

  private BoardBenchmark() {}

  public static void main(String[] args) throws Exception {
    int teams = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    boolean verbose = args.length > 3 && args[3].equals("verbose");
    SummaryTable.print(System.out, figures(teams, pairs, seconds, verbose));
  }

  /** The suite's run: 1,000 teams (10,000 subscriptions), 3 pairs of 20 s phases. */
  public static List<Figure> figures() throws Exception {
    return figures(1_000, 3, 20, false);
  }

  static List<Figure> figures(int teams, int pairs, int seconds, boolean verbose) throws Exception {
    if (pairs < 1 || seconds < 1 || teams < 2) {
      throw new IllegalArgumentException("at least 2 teams, 1 pair and 1 second per phase");
    }
    List<BoardSide.Phase> equality = new ArrayList<>();
    List<BoardSide.Phase> relational = new ArrayList<>();
    try (BoardSide base = BoardSide.open("equality-only", false, BoardModel.generate(SEED, teams, USERS_PER_TEAM), verbose);
        BoardSide rules = BoardSide.open("relational", true, BoardModel.generate(SEED, teams, USERS_PER_TEAM), verbose)) {
      System.out.printf(Locale.ROOT, "board: %d teams, %d users, %d boards, %d tasks on each side%n", teams,
          rules.model.users.size(), rules.model.boards.size(), rules.model.taskCount());
      long empty = ProcessFootprint.heapAfterGc();
      Duration relationalTook = rules.subscribeAll();
      long withRelational = ProcessFootprint.heapAfterGc();
      Duration equalityTook = base.subscribeAll();
      long withBoth = ProcessFootprint.heapAfterGc();
      EngineStats relationalStats = rules.stats();
      EngineStats equalityStats = base.stats();
      System.out.println("relational: subscribed in " + relationalTook.toMillis() + " ms, " + relationalStats);
      System.out.println("equality-only: subscribed in " + equalityTook.toMillis() + " ms, " + equalityStats);

      base.run("warm-up", 0, WARM_UP_SECONDS, TASK_WRITES_PER_SECOND, 0);
      rules.run("warm-up", 0, WARM_UP_SECONDS, TASK_WRITES_PER_SECOND, RELATED_WRITES_PER_SECOND);
      for (int pair = 1; pair <= pairs; pair++) {
        String name = "pair " + pair;
        if (pair % 2 == 1) {
          equality.add(base.run(name, pair, seconds, TASK_WRITES_PER_SECOND, 0));
          relational.add(rules.run(name, pair, seconds, TASK_WRITES_PER_SECOND, RELATED_WRITES_PER_SECOND));
        } else {
          relational.add(rules.run(name, pair, seconds, TASK_WRITES_PER_SECOND, RELATED_WRITES_PER_SECOND));
          equality.add(base.run(name, pair, seconds, TASK_WRITES_PER_SECOND, 0));
        }
      }
      if (verbose) {
        rules.statementsSeen().forEach(sql -> System.out.println("relational statement: " + sql));
        base.statementsSeen().forEach(sql -> System.out.println("equality-only statement: " + sql));
      }
      int subscriptions = rules.subscriptionCount();
      double relationalKb = (withRelational - empty) / 1024.0 / subscriptions;
      double equalityKb = (withBoth - withRelational) / 1024.0 / base.subscriptionCount();
      return figures(pairs, seconds, equality, relational, subscriptions, relationalStats, relationalTook,
          relationalKb, equalityKb);
    }
  }

  private static List<Figure> figures(int pairs, int seconds, List<BoardSide.Phase> equality,
      List<BoardSide.Phase> relational, int subscriptions, EngineStats stats, Duration subscribing,
      double relationalKb, double equalityKb) {
    List<Figure> figures = new ArrayList<>();
    String load = String.format(Locale.ROOT, "%,d subscriptions on %,d nodes; %d pairs of %d s phases; "
        + "%d task writes/s, and %d related writes/s on the relational side", subscriptions, stats.nodes(), pairs,
        seconds, TASK_WRITES_PER_SECOND, RELATED_WRITES_PER_SECOND);
    Spread p99Ratio = ratios(relational, equality, BoardSide.Phase::p99);
    figures.add(Figure.checked(AREA, "p99 write → subscriber, relational rules and include vs equality-only",
        format("%.2f×", p99Ratio.median()), "≤ 1.5×", p99Ratio.median() <= 1.5,
        spread(relational, BoardSide.Phase::p99).describe("%.1f ms") + " vs "
            + spread(equality, BoardSide.Phase::p99).describe("%.1f ms") + "; ratio per pair " + p99Ratio.list("%.2f")
            + "; median over the pairs; " + load));
    Spread p50Ratio = ratios(relational, equality, BoardSide.Phase::p50);
    figures.add(Figure.info(AREA, "p50 write → subscriber, relational vs equality-only", format("%.2f×", p50Ratio.median()),
        spread(relational, BoardSide.Phase::p50).describe("%.1f ms") + " vs "
            + spread(equality, BoardSide.Phase::p50).describe("%.1f ms") + "; ratio per pair " + p50Ratio.list("%.2f")));
    figures.add(Figure.info(AREA, "max write → subscriber, relational / equality-only",
        spread(relational, BoardSide.Phase::max).describe("%.1f ms") + " / "
            + spread(equality, BoardSide.Phase::max).describe("%.1f ms"), "median of the phases (lowest–highest)"));
    long writes = relational.stream().mapToLong(BoardSide.Phase::writes).sum();
    long dataReads = relational.stream().mapToLong(p -> p.statements().dataReads()).sum();
    long logReads = relational.stream().mapToLong(p -> p.statements().logReads()).sum();
    long engineReads = relational.stream().mapToLong(BoardSide.Phase::engineReads).sum();
    long related = relational.stream().mapToLong(BoardSide.Phase::relatedWrites).sum();
    double perWrite = (double) dataReads / writes;
    figures.add(Figure.checked(AREA, "data-table SELECTs by the engine per write, relational", format("%.3f", perWrite),
        "≤ 1", perWrite <= 1, format("%,.0f", dataReads) + " SELECTs for " + format("%,.0f", writes) + " writes ("
            + format("%,.0f", related) + " of them related) over the relational phases; reads of nodes and relation "
            + "sets the engine installed: " + engineReads + "; the writes' own statements not counted"));
    long equalityWrites = equality.stream().mapToLong(BoardSide.Phase::writes).sum();
    long equalityLogReads = equality.stream().mapToLong(p -> p.statements().logReads()).sum();
    figures.add(Figure.info(AREA, "change-log reads per write, relational / equality-only",
        format("%.2f", (double) logReads / writes) + " / " + format("%.2f", (double) equalityLogReads / equalityWrites),
        "the change tail reads the log once per wake-up, so about once per write at this rate"));
    figures.add(Figure.checked(AREA, "heap per subscription, relational", format("%.1f KB", relationalKb), "≤ 10 KB",
        relationalKb <= 10, "(heap after full GC with " + format("%,.0f", subscriptions) + " subscribed − before) / "
            + format("%,.0f", subscriptions) + "; KB = 1,024 bytes; includes the engine's nodes and their rows, "
            + stats.relationSets() + " relation sets, the row cache (" + stats.cachedRows() + " rows), include trees, "
            + "index entries, the subscriptions and one listener each; not the engine's fixed parts nor H2's data; "
            + "subscribing took " + subscribing.toMillis() + " ms"));
    figures.add(Figure.info(AREA, "heap per subscription, equality-only", format("%.1f KB", equalityKb),
        "measured the same way, with the relational subscriptions in place"));
    Histogram moves = new Histogram(3);
    relational.forEach(p -> moves.add(p.moves()));
    if (moves.getTotalCount() > 0) {
      figures.add(Figure.info(AREA, "board moving team → its page emptied or read again, p50 / p99",
          format("%.1f ms", moves.getValueAtPercentile(50) / 1000.0) + " / "
              + format("%.1f ms", moves.getValueAtPercentile(99) / 1000.0),
          moves.getTotalCount() + " moves over the relational phases"));
    }
    int missing = relational.stream().mapToInt(BoardSide.Phase::missing).sum()
        + equality.stream().mapToInt(BoardSide.Phase::missing).sum();
    if (missing > 0) {
      figures.add(Figure.checked(AREA, "writes whose delta never came (30 s)", Integer.toString(missing), "0", false,
          "a write's subscribers did not hear of it: see the phases' lines above"));
    }
    return figures;
  }

  /** Per pair, the first list's figure over the second's. */
  private static Spread ratios(List<BoardSide.Phase> of, List<BoardSide.Phase> over,
      ToDoubleFunction<BoardSide.Phase> figure) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < of.size(); i++) {
      ratios.add(figure.applyAsDouble(of.get(i)) / figure.applyAsDouble(over.get(i)));
    }
    return new Spread(ratios);
  }

  private static Spread spread(List<BoardSide.Phase> phases, ToDoubleFunction<BoardSide.Phase> figure) {
    return new Spread(phases.stream().map(figure::applyAsDouble).toList());
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }
}

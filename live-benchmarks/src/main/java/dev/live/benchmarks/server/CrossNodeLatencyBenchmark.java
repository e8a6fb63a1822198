package dev.live.benchmarks.server;

import dev.live.benchmarks.codec.AppSchema;
import dev.live.benchmarks.suite.BenchDatabase;
import dev.live.benchmarks.suite.Figure;
import dev.live.benchmarks.suite.Spread;
import dev.live.benchmarks.suite.SummaryTable;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import dev.live.storage.Database;
import dev.live.storage.StoreOptions;
import dev.live.storage.WakeupStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Write → subscriber latency across nodes against the same writes on one node, in one run
 * (DESIGN.md target: cross-node p50 and p99 within 1.5× of one node). Two Live servers in this
 * process are two nodes on one PostgreSQL schema, each with a {@link Database} and a pool of its
 * own, with the default store options (the tails poll every second; other nodes' commits wake
 * them by NOTIFY). Half of the subscribers (500 by default) connect to each node, from a load
 * client process per node; each subscribes to {@code todos where title = "hot"}, 100 rows, and
 * each write updates one of them with its send time. Every row a delta carries is timed by its
 * own send time ({@link LoadClient}'s {@code live-each} mode), so a delta that gathers several
 * writes counts the oldest too.
 *
 * <p>In each phase one node takes every write, at 50 writes/s: its own subscribers measure the
 * single-node latency and the other node's subscribers the cross-node latency of the same writes,
 * at the same moments. Phases alternate the writing node (A, B, then B, A, ...), so that each node
 * is measured both ways; a ratio is taken per phase, and the verdict is the median of the phases'.
 *
 * <p>Run: {@code java -cp live-benchmarks/target/benchmarks.jar
 * dev.live.benchmarks.server.CrossNodeLatencyBenchmark [subscribers, 1000] [rounds, 3] [seconds
 * per phase, 15] [writes/s, 50] [wakeups | polling]}; a round is two phases, one per writing node.
 * {@code polling} turns the wake-ups off ({@code StoreOptions.crossNodeWakeups}), for the figure
 * without them: other nodes' writes then wait for the tails' poll.
 */
public final class CrossNodeLatencyBenchmark {
  private static final String AREA = "cluster";
  /**
   * Each write updates one of these, in turn: at 50 writes/s a row is written again after 2 s, so
   * even a tail that only polls (every second) delivers every write, none overwritten by the next.
   */
  private static final int HOT_ROWS = 100;
  private static final double TARGET = 1.5;

  private CrossNodeLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
    int rate = args.length > 3 ? Integer.parseInt(args[3]) : 50;
    boolean wakeups = args.length <= 4 || !args[4].equals("polling");
    SummaryTable.print(System.out, figures(subscribers, rounds, seconds, rate, wakeups));
  }

  /** The cross-node figures against one node, with the wake-ups on, as the suite runs them. */
  public static List<Figure> figures(int subscribers, int rounds, int seconds, int rate) throws Exception {
    return figures(subscribers, rounds, seconds, rate, true);
  }

  private static List<Figure> figures(int subscribers, int rounds, int seconds, int rate, boolean wakeups)
      throws Exception {
    Optional<String> problem = BenchDatabase.postgresProblem();
    if (problem.isPresent()) {
      return List.of(Figure.notMeasurable(AREA, "write → subscriber, other node vs same node", problem.get()));
    }
    List<Phase> phases = new ArrayList<>();
    long writes;
    long notifies;
    try (BenchDatabase database = BenchDatabase.postgres();
        LiveServer nodeA = node(database.database(), wakeups);
        LiveServer nodeB = node(database.anotherNode(), wakeups)) {
      for (int i = 0; i < HOT_ROWS; i++) {
        nodeA.data().insert(Todos.insert("t" + i, "hot"));
      }
      AtomicInteger revisions = new AtomicInteger();
      IntConsumer writeOnA = n -> touch(nodeA, revisions.incrementAndGet());
      IntConsumer writeOnB = n -> touch(nodeB, revisions.incrementAndGet());
      try (LoadSession onA = LoadSession.start("node A", uri(nodeA), subscribers / 2, "live-each");
          LoadSession onB = LoadSession.start("node B", uri(nodeB), subscribers - subscribers / 2, "live-each")) {
        LoadSession.drive(writeOnA, rate, 5); // warm-up: both write paths, both kinds of delivery
        LoadSession.drive(writeOnB, rate, 5);
        long writesBefore = revisions.get();
        long notifiesBefore = notifies(nodeA) + notifies(nodeB);
        for (int round = 0; round < rounds; round++) {
          boolean aFirst = round % 2 == 0;
          for (int turn = 0; turn < 2; turn++) {
            boolean aWrites = aFirst == (turn == 0);
            String label = "round " + (round + 1) + ", writes on node " + (aWrites ? "A" : "B");
            List<LoadSession.Result> results = LoadSession.phase(List.of(onA, onB), label,
                aWrites ? writeOnA : writeOnB, rate, seconds);
            LoadSession.Result same = results.get(aWrites ? 0 : 1);
            LoadSession.Result other = results.get(aWrites ? 1 : 0);
            phases.add(new Phase(same, other));
          }
        }
        writes = revisions.get() - writesBefore;
        notifies = notifies(nodeA) + notifies(nodeB) - notifiesBefore;
      }
    }
    return figures(phases, subscribers, seconds, rate, writes, notifies, wakeups);
  }

  private static List<Figure> figures(List<Phase> phases, int subscribers, int seconds, int rate, long writes,
      long notifies, boolean wakeups) {
    String setup = String.format(Locale.ROOT, "%d phases of %d s, the writing node alternating; %d writes/s;"
        + " %,d subscribers, half on each node, load clients in processes of their own; PostgreSQL local,"
        + " tailPollInterval 1 s%s", phases.size(), seconds, rate, subscribers,
        wakeups ? "" : "; WAKE-UPS OFF: other nodes' writes wait for the poll");
    Spread sameP50 = new Spread(phases.stream().map(p -> p.same.p50()).toList());
    Spread otherP50 = new Spread(phases.stream().map(p -> p.other.p50()).toList());
    Spread sameP99 = new Spread(phases.stream().map(p -> p.same.p99()).toList());
    Spread otherP99 = new Spread(phases.stream().map(p -> p.other.p99()).toList());
    Spread ratioP50 = new Spread(phases.stream().map(p -> p.other.p50() / p.same.p50()).toList());
    Spread ratioP99 = new Spread(phases.stream().map(p -> p.other.p99() / p.same.p99()).toList());
    List<Figure> figures = new ArrayList<>();
    figures.add(Figure.checked(AREA, "p50 write → subscriber, other node vs same node", times(ratioP50.median()),
        "≤ 1.5×", ratioP50.median() <= TARGET, otherP50.describe("%.1f ms") + " vs " + sameP50.describe("%.1f ms")
            + "; ratio per phase " + ratioP50.list("%.2f") + "; median over the phases; " + setup));
    figures.add(Figure.checked(AREA, "p99 write → subscriber, other node vs same node", times(ratioP99.median()),
        "≤ 1.5×", ratioP99.median() <= TARGET, otherP99.describe("%.1f ms") + " vs " + sameP99.describe("%.1f ms")
            + "; ratio per phase " + ratioP99.list("%.2f")));
    Spread otherMax = new Spread(phases.stream().map(p -> p.other.max()).toList());
    Spread sameMax = new Spread(phases.stream().map(p -> p.same.max()).toList());
    figures.add(Figure.info(AREA, "max write → subscriber, other node / same node",
        otherMax.describe("%.1f ms") + " / " + sameMax.describe("%.1f ms"), "median of the phases (lowest–highest)"));
    figures.add(Figure.info(AREA, "NOTIFYs per write", String.format(Locale.ROOT, "%.2f", (double) notifies / writes),
        String.format(Locale.ROOT, "%,d NOTIFYs for %,d writes over the measured phases, both nodes; fewer than one"
            + " per write when commits come faster than NOTIFYs", notifies, writes)));
    return figures;
  }

  private static LiveServer node(Database database, boolean wakeups) {
    return LiveServer.builder().schema(AppSchema.INSTANCE).database(database).host("127.0.0.1").port(0)
        .storeOptions(StoreOptions.builder().crossNodeWakeups(wakeups).build())
        // The load clients never speak after subscribing, and wait through warm-up and pauses.
        .options(OneAddressLoad.lift(ServerOptions.builder()).idleTimeout(Duration.ofMinutes(10)).build())
        .start();
  }

  private static void touch(LiveServer node, int revision) {
    node.data().update("t" + revision % HOT_ROWS, Todos.touch(revision));
  }

  private static long notifies(LiveServer node) {
    return node.store().changes().wakeups().map(WakeupStats::notifiesSent).orElse(0L);
  }

  private static String uri(LiveServer node) {
    return "ws://127.0.0.1:" + node.port() + "/live";
  }

  private static String times(double ratio) {
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }

  /** One phase: the writing node's subscribers, and the other node's, measuring the same writes. */
  private record Phase(LoadSession.Result same, LoadSession.Result other) {}
}

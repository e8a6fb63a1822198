package dev.live.benchmarks.neighbour;

import dev.live.benchmarks.suite.Figure;
import dev.live.benchmarks.suite.Paced;
import dev.live.benchmarks.suite.Spread;
import dev.live.benchmarks.suite.SummaryTable;
import dev.live.examples.board.BoardServer;
import dev.live.examples.board.SessionTokens;
import dev.live.server.LiveServer;
import dev.live.storage.Database;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * "Noisy neighbour" (DESIGN.md: one user with 1,000 subscriptions within limits on a 5,000-row
 * table; a bystander's p50 and p99 within 1.5× of the bystander alone), over WebSocket, on the
 * board app as {@link BoardServer} wires it (its schema, rules, authenticator and default
 * options; H2 in memory, loopback), in this process, with the attacker's team's 5,000 tasks
 * ({@link NeighbourData}).
 *
 * <p>Two clients, each in a process of its own: the {@link Bystander}, of another team, updates
 * one of its own tasks every 50 ms and times the delta that shows it; the {@link Attacker}, one
 * signed-in user, subscribes to 1,000 distinct queries over its team's tasks when told to
 * ({@link AttackerQueries}), within the documented limits, and closes its connection when told
 * to. Phases, in pairs, after a warm-up: the bystander alone; then the attacker subscribed while
 * a writer (server code, as in the other server benchmarks) updates the attacker's team's tasks,
 * {@value #WRITES_PER_SECOND} a second. The figures are the ratios of the bystander's p50 and p99
 * with the attacker to alone, per pair; the verdict takes their median.
 *
 * <p>It uses today's {@code ServerOptions} defaults and sets none: when the server bounds what one
 * user may make the engine do, the attacker holds what the server allows, and the figures say how
 * many subscriptions it held and why the others were refused.
 *
 * <p>Run: {@code java -cp live-benchmarks/target/benchmarks.jar dev.live.benchmarks.neighbour.NeighbourBenchmark
 * [pairs, 3] [seconds per phase, 30] [writer]}; {@code writer} adds to each pair a phase with the
 * writer but without the attacker, to tell the writes' share from the subscriptions'.
 */
public final class NeighbourBenchmark {
  private static final int WRITES_PER_SECOND = 50;
  private static final int QUERIES = 1_000;
  private static final int PAUSE_MILLIS = 3_000;
  private static final int WARM_UP_SECONDS = 10;
  private static final String AREA = "neighbour";

  private NeighbourBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    boolean writerPhase = args.length > 2 && args[2].equals("writer");
    SummaryTable.print(System.out, figures(pairs, seconds, writerPhase));
  }

  /** The suite's run: 3 rounds of 30 s phases, alone, with the writes only, with the attacker and the writes. */
  public static List<Figure> figures() throws Exception {
    return figures(3, 30, true);
  }

  static List<Figure> figures(int pairs, int seconds, boolean writerPhase) throws Exception {
    if (pairs < 1 || seconds < 1) {
      throw new IllegalArgumentException("at least 1 pair and 1 second per phase");
    }
    SessionTokens tokens = SessionTokens.random();
    List<Result> alone = new ArrayList<>();
    List<Result> attacked = new ArrayList<>();
    List<Result> writerOnly = new ArrayList<>();
    List<Integer> held = new ArrayList<>();
    List<String> attacks = new ArrayList<>();
    try (BoardServer app = BoardServer.start(Database.h2Memory("neighbour-" + System.nanoTime()), tokens,
        new BoardServer.Options("127.0.0.1", 0, Set.of()))) {
      LiveServer server = app.server();
      NeighbourData.write(server.data());
      String uri = "ws://127.0.0.1:" + server.port() + "/live";
      AtomicInteger touches = new AtomicInteger();
      try (ClientProcess bystander = ClientProcess.start("bystander", Bystander.class, uri,
              tokens.issue(NeighbourData.BYSTANDER));
          ClientProcess attacker = ClientProcess.start("attacker", Attacker.class, uri,
              tokens.issue(NeighbourData.ATTACKER), Integer.toString(QUERIES))) {
        Phase phase = new Phase(server, bystander, attacker, touches);
        phase.run("warm-up, alone", WARM_UP_SECONDS, false, false);
        phase.run("warm-up, with the attacker", WARM_UP_SECONDS, true, true);
        for (int pair = 1; pair <= pairs; pair++) {
          alone.add(phase.run("pair " + pair + ", alone", seconds, false, false));
          if (writerPhase) {
            writerOnly.add(phase.run("pair " + pair + ", writer only", seconds, false, true));
          }
          Result with = phase.run("pair " + pair + ", with the attacker", seconds, true, true);
          attacked.add(with);
          held.add(with.held());
          attacks.add(with.attack());
        }
      }
    }
    return figures(pairs, seconds, alone, attacked, writerOnly, held, attacks);
  }

  private static List<Figure> figures(int pairs, int seconds, List<Result> alone, List<Result> attacked,
      List<Result> writerOnly, List<Integer> held, List<String> attacks) {
    List<Figure> figures = new ArrayList<>();
    String how = pairs + " pairs of " + seconds + " s phases; the bystander updates a task every " + Bystander.INTERVAL_MILLIS + " ms; "
        + "the attacker's team's tasks updated " + WRITES_PER_SECOND + "/s in the attacker's phases";
    // With a writer phase, the verdict compares the same writes with and without the attacker:
    // what the attacker's subscriptions cost the bystander. Against the bystander with no writes
    // at all, the ratio charges the writes' commits to the attacker too; it is given for context.
    List<Result> baseline = writerOnly.isEmpty() ? alone : writerOnly;
    String against = writerOnly.isEmpty() ? "alone" : "alone (the same writes, no attacker)";
    for (String percentile : List.of("p50", "p99")) {
      ToDoubleFunction<Result> figure = percentile.equals("p50") ? Result::p50 : Result::p99;
      Spread ratios = ratios(attacked, baseline, figure);
      double pooled = pooled(attacked, percentile) / pooled(baseline, percentile);
      figures.add(Figure.checked(AREA, "bystander " + percentile + " with the attacker vs " + against,
          format("%.2f×", ratios.median()), "≤ 1.5×", ratios.median() <= 1.5,
          spread(attacked, figure).describe("%.1f ms") + " vs " + spread(baseline, figure).describe("%.1f ms")
              + "; ratio per pair " + ratios.list("%.2f") + ", of all phases together " + format("%.2f", pooled)
              + "; " + how));
    }
    if (!writerOnly.isEmpty()) {
      for (String percentile : List.of("p50", "p99")) {
        ToDoubleFunction<Result> figure = percentile.equals("p50") ? Result::p50 : Result::p99;
        Spread ratios = ratios(attacked, alone, figure);
        figures.add(Figure.info(AREA, "bystander " + percentile + " with the attacker and the writes vs no writes at all",
            format("%.2f×", ratios.median()), spread(attacked, figure).describe("%.1f ms") + " vs "
                + spread(alone, figure).describe("%.1f ms") + "; ratio per pair " + ratios.list("%.2f")
                + "; the writes' own cost (commits on H2) counts here too"));
      }
    }
    figures.add(Figure.info(AREA, "bystander max, with the attacker / alone",
        spread(attacked, Result::max).describe("%.1f ms") + " / " + spread(alone, Result::max).describe("%.1f ms"),
        "median of the phases (lowest–highest)"));
    if (!writerOnly.isEmpty()) {
      figures.add(Figure.info(AREA, "bystander p50 / p99 with the writer only",
          spread(writerOnly, Result::p50).describe("%.1f ms") + " / " + spread(writerOnly, Result::p99).describe("%.1f ms"),
          "the attacker's team's tasks updated " + WRITES_PER_SECOND + "/s, no attacker"));
    }
    figures.add(Figure.info(AREA, "subscriptions the attacker held", held.stream().map(String::valueOf)
        .reduce((a, b) -> a + ", " + b).orElse("") + " of " + QUERIES, "per attack: " + String.join("; ", attacks)));
    int missing = 0;
    int failures = 0;
    for (Result result : concat(alone, attacked, writerOnly)) {
      missing += result.missing();
      failures += result.failures();
    }
    if (missing > 0 || failures > 0) {
      figures.add(Figure.checked(AREA, "bystander updates refused or never seen", missing + failures + "", "0", false,
          missing + " without a delta after 5 s, " + failures + " refused or failed; see the bystander's stderr"));
    }
    return figures;
  }

  /** Runs phases against the server: the bystander measuring, the attacker and the writer on or off. */
  private record Phase(LiveServer server, ClientProcess bystander, ClientProcess attacker, AtomicInteger touches) {
    Result run(String name, int seconds, boolean attack, boolean write) throws Exception {
      String attackText = "";
      int held = -1;
      if (attack) {
        String line = attacker.ask("ATTACK", "ATTACKING", 240);
        held = Integer.parseInt(ClientProcess.value(line, "held"));
        attackText = String.format(Locale.ROOT, "subscribed in %.1f s (refused: %s, connection closed: %s), %d query "
            + "nodes on the server", Long.parseLong(ClientProcess.value(line, "millis")) / 1000.0,
            ClientProcess.value(line, "refused"), ClientProcess.value(line, "closed"), server.queryCount());
      }
      Paced writer = write ? Paced.start("neighbour-writer", 2, WRITES_PER_SECOND,
          Duration.ofMillis(PAUSE_MILLIS + seconds * 1_000L), n -> NeighbourData.touch(server.data(),
              touches.incrementAndGet())) : null;
      Result result;
      try {
        Thread.sleep(PAUSE_MILLIS); // a phase must not measure the backlog of what came before
        bystander.tell("START");
        Thread.sleep(seconds * 1_000L);
        result = Result.parse(bystander.ask("STOP", "RESULT", 30));
        if (writer != null) {
          writer.await();
        }
      } finally {
        if (writer != null) {
          writer.cancel();
        }
      }
      if (attack) {
        String line = attacker.ask("CALM", "CALMED", 60);
        long deltas = Long.parseLong(ClientProcess.value(line, "deltas"));
        attackText += String.format(Locale.ROOT, ", received %,d deltas (%,.0f/s), %s reset snapshots", deltas,
            deltas / (seconds + PAUSE_MILLIS / 1000.0), ClientProcess.value(line, "resets"));
      }
      result = result.withAttack(held, attackText);
      System.out.println(name + ": " + result);
      return result;
    }
  }

  /** What the bystander measured in one phase; latencies in microseconds. */
  private record Result(Histogram histogram, int missing, int failures, int held, String attack) {
    static Result parse(String line) {
      byte[] bytes = Base64.getDecoder().decode(ClientProcess.value(line, "histogram"));
      try {
        Histogram histogram = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        return new Result(histogram, Integer.parseInt(ClientProcess.value(line, "missing")),
            Integer.parseInt(ClientProcess.value(line, "failures")), -1, "");
      } catch (java.util.zip.DataFormatException e) {
        throw new IllegalStateException("the bystander's histogram cannot be read", e);
      }
    }

    Result withAttack(int held, String attack) {
      return new Result(histogram, missing, failures, held, attack);
    }

    double p50() {
      return histogram.getValueAtPercentile(50) / 1000.0;
    }

    double p99() {
      return histogram.getValueAtPercentile(99) / 1000.0;
    }

    double max() {
      return histogram.getMaxValue() / 1000.0;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d updates, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d missing, %d failures%s",
          histogram.getTotalCount(), p50(), p99(), max(), missing, failures, held < 0 ? "" : "; attacker held " + held + ", " + attack);
    }
  }

  private static Spread ratios(List<Result> of, List<Result> over, ToDoubleFunction<Result> figure) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < of.size(); i++) {
      ratios.add(figure.applyAsDouble(of.get(i)) / figure.applyAsDouble(over.get(i)));
    }
    return new Spread(ratios);
  }

  private static Spread spread(List<Result> results, ToDoubleFunction<Result> figure) {
    return new Spread(results.stream().map(figure::applyAsDouble).toList());
  }

  /** The percentile of every phase's latencies together. */
  private static double pooled(List<Result> results, String percentile) {
    Histogram all = new Histogram(3);
    results.forEach(r -> all.add(r.histogram()));
    return all.getValueAtPercentile(percentile.equals("p50") ? 50 : 99) / 1000.0;
  }

  @SafeVarargs
  private static List<Result> concat(List<Result>... lists) {
    List<Result> all = new ArrayList<>();
    for (List<Result> list : lists) {
      all.addAll(list);
    }
    return all;
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }
}

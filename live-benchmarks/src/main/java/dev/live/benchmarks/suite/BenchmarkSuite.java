package dev.live.benchmarks.suite;

import dev.live.benchmarks.board.BoardBenchmark;
import dev.live.benchmarks.codec.CodecFigures;
import dev.live.benchmarks.neighbour.NeighbourBenchmark;
import dev.live.benchmarks.server.CrossNodeLatencyBenchmark;
import dev.live.benchmarks.server.FanoutBenchmark;
import dev.live.benchmarks.server.IdleConnectionsBenchmark;
import dev.live.benchmarks.server.MutationThroughputBenchmark;
import dev.live.benchmarks.server.ScalingBenchmark;
import dev.live.benchmarks.storage.StorageBenchmark;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every benchmark against its target (DESIGN.md, "Performance targets"), one after the other, in
 * bounded time, and one summary table at the end ({@code docs/benchmarks.md}, "The suite"). Each
 * area runs alone on the machine: they would disturb each other's figures.
 *
 * <p>Run: {@code java -cp live-benchmarks/target/benchmarks.jar dev.live.benchmarks.suite.BenchmarkSuite
 * [area,area,...]}, areas: codec, storage, mutations, fanout, scaling, board, neighbour, idle, cluster (default all).
 */
public final class BenchmarkSuite {
  private BenchmarkSuite() {}

  /** One area of the suite. */
  @FunctionalInterface
  private interface Area {
    List<Figure> run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Map<String, Area> areas = new LinkedHashMap<>();
    areas.put("codec", () -> CodecFigures.figures(5, 2));
    areas.put("storage", () -> StorageBenchmark.figures(Duration.ofSeconds(3)));
    areas.put("mutations", () -> MutationThroughputBenchmark.figures(Duration.ofSeconds(5)));
    areas.put("fanout", () -> FanoutBenchmark.figures(1_000, 10));
    areas.put("scaling", () -> ScalingBenchmark.figures(20_000));
    areas.put("board", BoardBenchmark::figures);
    areas.put("neighbour", NeighbourBenchmark::figures);
    areas.put("idle", () -> IdleConnectionsBenchmark.figures(0)); // 0: the most the fd limit allows
    areas.put("cluster", () -> CrossNodeLatencyBenchmark.figures(1_000, 3, 15, 50));
    Set<String> chosen = args.length > 0 ? Set.of(args[0].split(",")) : areas.keySet();
    for (String name : chosen) {
      if (!areas.containsKey(name)) {
        throw new IllegalArgumentException("unknown area '" + name + "'; the suite has " + areas.keySet());
      }
    }
    List<Figure> figures = new ArrayList<>();
    Instant start = Instant.now();
    for (Map.Entry<String, Area> area : areas.entrySet()) {
      if (!chosen.contains(area.getKey())) {
        continue;
      }
      Instant areaStart = Instant.now();
      System.out.println("== " + area.getKey());
      try {
        figures.addAll(area.getValue().run());
      } catch (Exception e) {
        // One area failing leaves the others' figures standing; the table says what failed.
        e.printStackTrace();
        figures.add(new Figure(area.getKey(), "the area failed", "—", "—", Figure.Verdict.NOT_MET,
            e.getClass().getSimpleName() + ": " + e.getMessage()));
      }
      System.out.println("== " + area.getKey() + " took " + Duration.between(areaStart, Instant.now()).toSeconds() + " s");
    }
    System.out.println();
    System.out.println("Live benchmark suite, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
        + " processors, " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
        + ", " + Duration.between(start, Instant.now()).toSeconds() + " s");
    SummaryTable.print(System.out, figures);
  }
}

package dev.live.benchmarks.storage;

import dev.live.benchmarks.codec.AppSchema;
import dev.live.benchmarks.suite.BenchDatabase;
import dev.live.benchmarks.suite.Figure;
import dev.live.benchmarks.suite.SummaryTable;
import dev.live.storage.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Inserts per second into the {@code todos} collection through {@code Store}, on H2 in memory and
 * on PostgreSQL, from 1 and from 16 threads: single-row ({@code insert}, one transaction per row)
 * and batched ({@code insertAll} of 100 rows, one transaction per batch; the figure counts rows).
 * Each of the 8 measurements gets a fresh database, a 1 s warm-up and a fixed window, after one
 * warm-up of the JIT for the whole run. DESIGN.md
 * sets no target for these, so they are reported for context. Run: {@code java -cp
 * live-benchmarks/target/benchmarks.jar dev.live.benchmarks.storage.StorageBenchmark [window seconds, 3]}.
 */
public final class StorageBenchmark {
  private static final String AREA = "storage";
  private static final int BATCH = 100;
  private static final Duration WARM_UP = Duration.ofSeconds(1);
  /**
   * The compiler needs several seconds of inserts before they reach their speed: in a fresh JVM,
   * single-row inserts into H2 ran at 3,300/s, then 5,000/s, 15,000/s and 27,000/s over four 2 s
   * rounds. A 1 s warm-up per measurement alone would measure the compiler in the first ones.
   */
  private static final Duration JIT_WARM_UP = Duration.ofSeconds(4);

  private StorageBenchmark() {}

  public static void main(String[] args) throws Exception {
    Duration window = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 3);
    SummaryTable.print(System.out, figures(window));
  }

  /** The 8 figures: H2 then PostgreSQL; single-row then batched; 1 then 16 threads. */
  public static List<Figure> figures(Duration window) throws InterruptedException {
    List<Figure> figures = new ArrayList<>();
    // Warms the JIT; the figures are thrown away.
    rowsPerSecond(BenchDatabase::h2, 4, 1, Duration.ZERO, JIT_WARM_UP);
    rowsPerSecond(BenchDatabase::h2, 4, BATCH, Duration.ZERO, JIT_WARM_UP);
    measure(figures, "H2", Optional.empty(), BenchDatabase::h2, window,
        "in memory: no file writes");
    measure(figures, "PostgreSQL", BenchDatabase.postgresProblem(), BenchDatabase::postgres, window,
        "local, synchronous_commit on; pool of 10 connections");
    return figures;
  }

  private static void measure(List<Figure> figures, String backend, Optional<String> problem,
      Supplier<BenchDatabase> databases, Duration window, String note) throws InterruptedException {
    for (int batch : new int[] {1, BATCH}) {
      for (int threads : new int[] {1, 16}) {
        String what = (batch == 1 ? "inserts/s, single row, " : "rows/s, batches of " + BATCH + ", ")
            + backend + ", " + threads + (threads == 1 ? " thread" : " threads");
        if (problem.isPresent()) {
          figures.add(Figure.notMeasurable(AREA, what, problem.get()));
          continue;
        }
        double rate = rowsPerSecond(databases, threads, batch, WARM_UP, window);
        System.err.printf(Locale.ROOT, "%s: %,.0f%n", what, rate);
        figures.add(Figure.info(AREA, what, String.format(Locale.ROOT, "%,.0f/s", rate), note));
      }
    }
  }

  /** Rows per second of one load on a fresh database. */
  private static double rowsPerSecond(Supplier<BenchDatabase> databases, int threads, int batch, Duration warmUp,
      Duration window) throws InterruptedException {
    try (BenchDatabase database = databases.get();
        Store store = Store.open(database.database(), AppSchema.INSTANCE)) {
      return new InsertLoad(store, threads, batch).rowsPerSecond(warmUp, window);
    }
  }
}

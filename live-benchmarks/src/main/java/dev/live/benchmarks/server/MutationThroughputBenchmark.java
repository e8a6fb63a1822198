package dev.live.benchmarks.server;

import dev.live.benchmarks.codec.AppSchema;
import dev.live.benchmarks.suite.BenchDatabase;
import dev.live.benchmarks.suite.Figure;
import dev.live.benchmarks.suite.SummaryTable;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import dev.live.storage.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Mutations per second from 50 concurrent clients (DESIGN.md target: at least 20,000/s into H2),
 * and the same on PostgreSQL for context. A {@code LiveServer} runs here, on a fresh database; the
 * 50 clients run in a separate load process ({@link MutationLoadClient}), each pipelining {@code
 * mutate} inserts with a window of 32 unacknowledged (the server reads at most 64 requests ahead
 * per connection). The figure is applied acks per second over a fixed window after a warm-up.
 * Run: {@code java -cp live-benchmarks/target/benchmarks.jar
 * dev.live.benchmarks.server.MutationThroughputBenchmark [window seconds, 5] [h2-only]}; {@code
 * h2-only} leaves PostgreSQL out, for profiling.
 */
public final class MutationThroughputBenchmark {
  private static final String AREA = "mutations";
  private static final int CLIENTS = 50;
  private static final int UNACKNOWLEDGED = 32;
  /**
   * The compiler needs long on this path (H2, Jackson, Jetty and Live on 2 cores shared with the
   * load client): after a 5 s warm-up the rate measured was about half of that after 20 s, and the
   * compiler threads still took a third of a core then. The first run (H2) warms the server's JVM
   * for the second, which needs less.
   */
  private static final int FIRST_WARM_UP_SECONDS = 15;
  private static final int NEXT_WARM_UP_SECONDS = 5;
  private static final double TARGET = 20_000;

  private MutationThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    Duration window = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 5);
    if (args.length > 1 && args[1].equals("h2-only")) {
      double h2 = acksPerSecond(BenchDatabase::h2, FIRST_WARM_UP_SECONDS, window);
      System.out.println(format(h2) + " mutations/s from " + CLIENTS + " clients, H2");
      return;
    }
    SummaryTable.print(System.out, figures(window));
  }

  /** The H2 figure, held to the target, then the PostgreSQL one, for context. */
  public static List<Figure> figures(Duration window) throws Exception {
    List<Figure> figures = new ArrayList<>();
    double h2 = acksPerSecond(BenchDatabase::h2, FIRST_WARM_UP_SECONDS, window);
    figures.add(Figure.checked(AREA, "mutations/s from " + CLIENTS + " clients, H2", format(h2), "≥ 20,000",
        h2 >= TARGET, "in memory; group commit; rate limits raised; load client in its own process"));
    String what = "mutations/s from " + CLIENTS + " clients, PostgreSQL";
    Optional<String> problem = BenchDatabase.postgresProblem();
    if (problem.isPresent()) {
      figures.add(Figure.notMeasurable(AREA, what, problem.get()));
    } else {
      double postgres = acksPerSecond(BenchDatabase::postgres, NEXT_WARM_UP_SECONDS, window);
      figures.add(Figure.info(AREA, what, format(postgres), "local, synchronous_commit on; pool of 10 connections"));
    }
    return figures;
  }

  private static String format(double rate) {
    return String.format(Locale.ROOT, "%,.0f/s", rate);
  }

  /** Starts a server on a fresh database, runs the load client against it, returns its applied acks per second. */
  private static double acksPerSecond(Supplier<BenchDatabase> databases, int warmUpSeconds, Duration window)
      throws Exception {
    // The default rate limits (100 messages/s per connection, 300 per user) protect a server from
    // one client; they would cap 50 clients at 5,000 mutations/s. The benchmark measures the
    // write path, not the limits, so it raises them far above what it can reach.
    ServerOptions options = OneAddressLoad.lift(ServerOptions.builder()).messagesPerSecond(1_000_000)
        .messageBurst(1_000_000).userMessagesPerSecond(1_000_000).userMessageBurst(1_000_000).build();
    try (BenchDatabase database = databases.get();
        Store store = Store.open(database.database(), AppSchema.INSTANCE);
        LiveServer server = LiveServer.builder().schema(AppSchema.INSTANCE).store(store).options(options)
            .host("127.0.0.1").port(0).start()) {
      return load("ws://127.0.0.1:" + server.port() + "/live", warmUpSeconds, window);
    }
  }

  /** Runs {@link MutationLoadClient} in a JVM of its own, with this one's java and class path. */
  private static double load(String uri, int warmUpSeconds, Duration window) throws Exception {
    String javaBin = System.getProperty("java.home") + "/bin/java";
    Process client = new ProcessBuilder(javaBin, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        MutationLoadClient.class.getName(), uri, Integer.toString(CLIENTS), Integer.toString(UNACKNOWLEDGED),
        Integer.toString(warmUpSeconds), Long.toString(window.toSeconds()))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
      // Connecting, warming up, measuring and draining; beyond that the client is stuck.
      long timeout = 60 + warmUpSeconds + window.toSeconds() + 10;
      String result = CompletableFuture.supplyAsync(() -> expect(out, "RESULT")).get(timeout, TimeUnit.SECONDS);
      System.err.println(uri + ": " + result);
      if (Long.parseLong(value(result, "failures")) > 0) {
        throw new IllegalStateException("mutations failed, the figure would be meaningless: " + result);
      }
      return Long.parseLong(value(result, "acks")) / Double.parseDouble(value(result, "seconds"));
    } finally {
      client.destroyForcibly();
      client.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String expect(BufferedReader out, String prefix) {
    try {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("reading the load client", e);
    }
    throw new IllegalStateException("the load client ended before " + prefix);
  }

  private static String value(String line, String key) {
    for (String part : line.split(" ")) {
      if (part.startsWith(key + "=")) {
        return part.substring(key.length() + 1);
      }
    }
    throw new IllegalStateException("no " + key + " in " + line);
  }
}

package dev.live.benchmarks.server;

import dev.live.benchmarks.codec.AppSchema;
import dev.live.benchmarks.suite.Figure;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import dev.live.storage.Database;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Idle WebSocket connections one node holds, and the heap each costs (DESIGN.md targets: at least
 * 20,000 on one node, at most 30 KB of heap each). A {@link LiveServer} on in-memory H2 runs in
 * this JVM; load processes ({@link IdleLoadClient}) open raw connections that say hello, get their
 * welcome and then stay silent. Heap per connection is the heap in use after a full collection
 * with N connections open, less that with none, over N.
 *
 * <p>This machine allows 20,000 open files per process (hard limit), so the server cannot hold
 * 20,000 sockets beside its own files: by default N is the most it can hold, its limit less the
 * files it has open and a margin.
 *
 * <p>Run: {@code java -cp live-benchmarks/target/benchmarks.jar
 * dev.live.benchmarks.server.IdleConnectionsBenchmark [connections | max] [histogram]};
 * {@code histogram} also prints the classes whose heap grew most ({@code jcmd GC.class_histogram}).
 */
public final class IdleConnectionsBenchmark {
  private static final String AREA = "idle connections";
  private static final int TARGET_CONNECTIONS = 20_000;
  private static final double TARGET_KB = 30;
  /** Open files the server keeps free for itself: pipes to the load processes, jcmd, logs, jars. */
  private static final int FILE_MARGIN = 300;
  /** Above the 2-minute default, so the first connections outlive connecting all the others. */
  private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
  private static final int WARM_UP = 200;

  private IdleConnectionsBenchmark() {}

  public static void main(String[] args) throws Exception {
    int connections = args.length > 0 && !args[0].equals("max") ? Integer.parseInt(args[0]) : 0;
    boolean histogram = List.of(args).contains("histogram");
    List<Figure> figures = run(connections, histogram);
    System.out.println();
    for (Figure figure : figures) {
      System.out.printf("%-18s %-28s %-12s %-34s %-20s %s%n", figure.area(), figure.what(), figure.value(),
          figure.target(), figure.verdict().label(), figure.note());
    }
  }

  /**
   * Holds {@code connections} idle connections (0 or less: the most this process's open-files
   * limit allows) and returns the count held, the heap per connection, the connect rate and the
   * resident memory per connection.
   */
  public static List<Figure> figures(int connections) throws Exception {
    return run(connections, false);
  }

  private static List<Figure> run(int asked, boolean histogram) throws Exception {
    ServerOptions options = OneAddressLoad.lift(ServerOptions.builder()).idleTimeout(IDLE_TIMEOUT).build();
    try (LiveServer server = LiveServer.builder().schema(AppSchema.INSTANCE).database(Database.h2Memory("idle"))
        .options(options).host("127.0.0.1").port(0).start()) {
      LoadProcesses.Opened warm = LoadProcesses.hold(server, WARM_UP, () -> { });
      System.out.println("warm-up: " + warm.count() + " connections opened and closed");
      long allowed = ProcessFootprint.maxOpenFiles() - ProcessFootprint.openFiles() - FILE_MARGIN;
      int connections = asked > 0 ? asked : (int) allowed;
      System.out.printf("open-files limit %d, open %d: the server can hold %d connections; opening %d%n",
          ProcessFootprint.maxOpenFiles(), ProcessFootprint.openFiles(), allowed, connections);
      if (connections > allowed) {
        System.out.println("more than the open-files limit allows: the server will refuse some");
      }
      long heapBefore = ProcessFootprint.heapAfterGc();
      long rssBefore = ProcessFootprint.rssBytes();
      HeapHistogram histogramBefore = histogram ? HeapHistogram.take() : null;
      Measured measured = new Measured();
      LoadProcesses.Opened opened = LoadProcesses.hold(server, connections, () -> {
        Thread.sleep(2_000); // idle for a while, as such connections are
        measured.heap = ProcessFootprint.heapAfterGc() - heapBefore;
        measured.rss = ProcessFootprint.rssBytes() - rssBefore;
        measured.held = server.connectionCount();
        if (histogramBefore != null) {
          System.out.println("heap growth by class, " + measured.held + " connections:");
          HeapHistogram.take().growthSince(histogramBefore, 40, Math.max(1, measured.held)).forEach(System.out::println);
        }
      });
      System.out.printf("held %d of %d, %.0f connections/s, heap +%d bytes, RSS +%d bytes%n", measured.held,
          connections, opened.perSecond(), measured.heap, measured.rss);
      return figures(connections, allowed, opened, measured);
    }
  }

  /** What was read while the connections were open. */
  private static final class Measured {
    long heap;
    long rss;
    int held;
  }

  private static List<Figure> figures(int asked, long allowed, LoadProcesses.Opened opened, Measured measured) {
    int held = measured.held;
    String count = String.format(Locale.ROOT, "%,d", held);
    String limit = String.format(Locale.ROOT, "the server's open-files limit is %,d (hard, per process; it cannot be "
        + "raised on this machine), so it cannot hold 20,000 sockets beside its own files; %,d is the most it "
        + "allows (the limit less the files open and a margin of %d)", ProcessFootprint.maxOpenFiles(), allowed,
        FILE_MARGIN);
    String idle = "; idleTimeout raised to 10 min so that the first connections outlive the opening of the rest";
    Figure connections;
    if (held >= TARGET_CONNECTIONS) {
      connections = Figure.checked(AREA, "idle connections held", count, "≥ 20,000", true, idle.substring(2));
    } else if (asked >= allowed) {
      String target = String.format(Locale.ROOT, "≥ 20,000; ≥ %,d here", allowed);
      connections = Figure.checked(AREA, "idle connections held", count, target, held >= allowed,
          limit + "; checked against that" + idle);
    } else {
      connections = Figure.info(AREA, "idle connections held", count, String.format(Locale.ROOT,
          "a run of %,d, below the %,d this machine allows, so not held to the target", asked, allowed) + idle);
    }
    double kb = held == 0 ? Double.NaN : measured.heap / 1024.0 / held;
    Figure heap = Figure.checked(AREA, "heap per idle connection", String.format(Locale.ROOT, "%.1f KB", kb),
        "≤ 30 KB", kb <= TARGET_KB, String.format(Locale.ROOT, "(heap after full GC with %,d open − with 0) / %,d; "
            + "KB = 1,024 bytes; upgrade and hello only, no subscriptions, no compression asked for", held, held));
    Figure rate = Figure.info(AREA, "connect rate", String.format(Locale.ROOT, "%,.0f connections/s", opened.perSecond()),
        opened.processes() + " load processes in parallel, each opening connections one after another "
            + "(TCP connect, upgrade, hello → welcome), 2 cores shared with the server");
    Figure rss = Figure.info(AREA, "RSS per idle connection", String.format(Locale.ROOT, "%.1f KB",
        held == 0 ? Double.NaN : measured.rss / 1024.0 / held),
        "growth of the server JVM's VmRSS over the same span: heap pages touched, Jetty's direct buffers; "
            + "kernel socket memory is not in it");
    return List.of(connections, heap, rate, rss);
  }
}

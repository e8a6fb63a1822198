package dev.live.benchmarks.server;

import dev.live.benchmarks.codec.AppSchema;
import dev.live.benchmarks.codec.TodoJson;
import dev.live.benchmarks.suite.Figure;
import dev.live.benchmarks.suite.SummaryTable;
import dev.live.json.LiveJson;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import dev.live.server.protocol.ServerMessages;
import dev.live.storage.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Fan-out and latency of live queries against a raw Jetty broadcast of the same bytes, in one run
 * (DESIGN.md targets: deliveries/s at least 70% of raw; p50 and p99 latency within 1.5× of raw at
 * 50 mutations/s). N clients (1,000 by default) run in a separate load-client process. For Live,
 * each subscribes to {@code todos where title = "hot"}, a list of 10 rows, and each mutation
 * updates one of them (its {@code createdAt} is the send time); for raw Jetty, each "mutation"
 * sends every session the text of such a delta. Phases, each
 * measured after a warm-up and a pause that lets queues drain: 50 mutations/s and 200 mutations/s
 * (latency), then saturation (150,000 deliveries/s offered, above what raw Jetty reaches here, for
 * deliveries/s).
 *
 * <p>Both servers are up at once, each with its own load-client process, and their phases
 * alternate (raw, then Live, for each rate), so that both meet the same machine: measured one
 * after the other, a slower minute for one of them would pass for a difference between them.
 *
 * <p>Run: {@code java -cp live-benchmarks/target/benchmarks.jar
 * dev.live.benchmarks.server.FanoutBenchmark [clients] [seconds per phase] [both | live-only]
 * [phases: 50,200,saturation]}.
 */
public final class FanoutBenchmark {
  private static final int HOT_ROWS = 10;
  private static final List<String> ALL_PHASES = List.of("50", "200", "saturation");

  private FanoutBenchmark() {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    boolean liveOnly = args.length > 2 && args[2].equals("live-only");
    // Profiling one phase alone: "50", "200", "saturation" or a comma-separated list (default all).
    List<String> phases = args.length > 3 ? List.of(args[3].split(",")) : ALL_PHASES;
    SummaryTable.print(System.out, figures(clients, seconds, !liveOnly, phases));
  }

  /** Fan-out and latency against raw Jetty, every phase, as the suite runs them. */
  public static List<Figure> figures(int clients, int seconds) throws Exception {
    return figures(clients, seconds, true, ALL_PHASES);
  }

  private static List<Figure> figures(int clients, int seconds, boolean withRaw, List<String> phases)
      throws Exception {
    String delta = sampleDelta();
    // Offered deliveries well above what raw Jetty reaches here (~100k/s), with no more mutations
    // than that takes: writes cost Live CPU that the raw broadcast does not spend.
    int saturating = Math.max(50, 150_000 / clients);
    Map<String, LoadSession.Result> raw = new HashMap<>();
    Map<String, LoadSession.Result> live = new HashMap<>();
    try (RawBroadcastServer rawServer = new RawBroadcastServer();
        LiveServer liveServer = LiveServer.builder().schema(AppSchema.INSTANCE)
            .database(Database.h2Memory("fanout")).host("127.0.0.1").port(0)
            // The load clients never speak after subscribing, and wait through the other
            // server's phases: longer than the 2 minutes of silence a server allows by default.
            .options(OneAddressLoad.lift(ServerOptions.builder()).idleTimeout(Duration.ofMinutes(10)).build())
            .start()) {
      for (int i = 0; i < HOT_ROWS; i++) {
        liveServer.data().insert(Todos.insert("t" + i, "hot"));
      }
      AtomicInteger revisions = new AtomicInteger();
      IntConsumer rawMutation = i -> rawServer.broadcast(delta.replace("\"createdAt\":\"2026-11-22T00:00:00Z\"",
          "\"createdAt\":\"" + Instant.now() + "\""));
      IntConsumer liveMutation = i -> {
        int revision = revisions.incrementAndGet();
        liveServer.data().update("t" + revision % HOT_ROWS, Todos.touch(revision));
      };
      try (LoadSession rawLoad = withRaw
              ? LoadSession.start("raw Jetty", "ws://127.0.0.1:" + rawServer.port() + "/raw", clients, "raw") : null;
          LoadSession liveLoad = LoadSession.start("Live", "ws://127.0.0.1:" + liveServer.port() + "/live", clients,
              "live")) {
        if (withRaw) {
          LoadSession.drive(rawMutation, saturating, seconds); // warm-up
        }
        LoadSession.drive(liveMutation, saturating, seconds);
        for (String phase : phases) {
          int rate = phase.equals("saturation") ? saturating : Integer.parseInt(phase);
          if (withRaw) {
            raw.put(phase, rawLoad.phase(phase, rawMutation, rate, seconds));
          }
          live.put(phase, liveLoad.phase(phase, liveMutation, rate, seconds));
        }
      }
      System.out.println("raw Jetty dropped sends: " + rawServer.dropped.get());
    }
    return withRaw ? compared(clients, raw, live) : liveAlone(live);
  }

  /** The figures held to the targets: Live against raw Jetty in the same run. */
  private static List<Figure> compared(int clients, Map<String, LoadSession.Result> raw,
      Map<String, LoadSession.Result> live) {
    List<Figure> figures = new ArrayList<>();
    String subscribers = String.format(Locale.ROOT, "%,d subscribers", clients);
    if (live.containsKey("saturation")) {
      double share = live.get("saturation").rate() / raw.get("saturation").rate();
      figures.add(Figure.checked("fan-out", "deliveries/s at saturation, " + subscribers + ", vs raw Jetty",
          percent(share), "≥ 70%", share >= 0.7, number(live.get("saturation").rate()) + " vs "
              + number(raw.get("saturation").rate()) + " deliveries/s"));
    }
    if (live.containsKey("50")) {
      LoadSession.Result l = live.get("50");
      LoadSession.Result r = raw.get("50");
      figures.add(Figure.checked("latency", "p50 at 50 mutations/s, " + subscribers + ", vs raw Jetty",
          times(l.p50() / r.p50()), "≤ 1.5×", l.p50() <= 1.5 * r.p50(), millis(l.p50()) + " vs " + millis(r.p50())));
      figures.add(Figure.checked("latency", "p99 at 50 mutations/s, " + subscribers + ", vs raw Jetty",
          times(l.p99() / r.p99()), "≤ 1.5×", l.p99() <= 1.5 * r.p99(), millis(l.p99()) + " vs " + millis(r.p99())));
      figures.add(Figure.info("latency", "max at 50 mutations/s", millis(l.max()), "raw Jetty " + millis(r.max())));
    }
    if (live.containsKey("200")) {
      LoadSession.Result l = live.get("200");
      LoadSession.Result r = raw.get("200");
      figures.add(Figure.info("latency", "p50 / p99 / max at 200 mutations/s (stress)",
          millis(l.p50()) + " / " + millis(l.p99()) + " / " + millis(l.max()),
          "raw Jetty " + millis(r.p50()) + " / " + millis(r.p99()) + " / " + millis(r.max())));
    }
    return figures;
  }

  private static List<Figure> liveAlone(Map<String, LoadSession.Result> live) {
    List<Figure> figures = new ArrayList<>();
    live.forEach((phase, result) -> figures.add(Figure.info("fan-out", "Live at " + phase, result.toString(), "")));
    return figures;
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  private static String times(double ratio) {
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }

  private static String millis(double value) {
    return String.format(Locale.ROOT, "%.1f ms", value);
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  /** The text of a delta inserting one todo, as Live sends it. */
  private static String sampleDelta() {
    String row = LiveJson.encode(TodoJson.CODEC, Todos.insert("t1", "hot").toRecord())
        .replaceAll("\"createdAt\":\"[^\"]*\"", "\"createdAt\":\"2026-11-22T00:00:00Z\"");
    return ServerMessages.delta("\"s\"", 1, 2, "[{\"op\":\"update\",\"index\":3,\"row\":" + row + "}]");
  }
}

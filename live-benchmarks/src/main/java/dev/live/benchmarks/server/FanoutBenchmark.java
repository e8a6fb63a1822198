package dev.live.benchmarks.server;

import dev.live.benchmarks.codec.AppSchema;
import dev.live.benchmarks.codec.TodoJson;
import dev.live.json.LiveJson;
import dev.live.server.LiveServer;
import dev.live.server.protocol.ServerMessages;
import dev.live.storage.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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
 * <p>Run: {@code java -cp live-benchmarks/target/benchmarks.jar
 * dev.live.benchmarks.server.FanoutBenchmark [clients] [seconds per phase] [both | live-only]
 * [phases: 50,200,saturation]}.
 */
public final class FanoutBenchmark {
  private static final int HOT_ROWS = 10;

  private FanoutBenchmark() {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    String delta = sampleDelta();
    boolean liveOnly = args.length > 2 && args[2].equals("live-only");
    // Profiling one phase alone: "50", "200", "saturation" or a comma-separated list (default all).
    phases = args.length > 3 ? List.of(args[3].split(",")) : List.of("50", "200", "saturation");
    List<String> raw = List.of("-", "-", "-");
    if (!liveOnly) try (RawBroadcastServer server = new RawBroadcastServer()) {
      raw = measure("raw Jetty", "ws://127.0.0.1:" + server.port() + "/raw", clients, "raw", seconds,
          i -> server.broadcast(delta.replace("\"createdAt\":\"2026-11-22T00:00:00Z\"",
              "\"createdAt\":\"" + java.time.Instant.now() + "\"")));
      System.out.println("raw Jetty dropped sends: " + server.dropped.get());
    }
    List<String> live;
    try (LiveServer server = LiveServer.builder().schema(AppSchema.INSTANCE)
        .database(Database.h2Memory("fanout")).host("127.0.0.1").port(0).start()) {
      for (int i = 0; i < HOT_ROWS; i++) {
        server.data().insert(Todos.insert("t" + i, "hot"));
      }
      AtomicInteger revisions = new AtomicInteger();
      live = measure("Live", "ws://127.0.0.1:" + server.port() + "/live", clients, "live", seconds, i -> {
        int revision = revisions.incrementAndGet();
        server.data().update("t" + revision % HOT_ROWS, Todos.touch(revision));
      });
    }
    System.out.println();
    System.out.printf("%-34s %14s %14s%n", "figure", "raw Jetty", "Live");
    String[] names = {"deliveries/s at saturation", "p50 / p99 / max ms at 50/s", "p50 / p99 / max ms at 200/s"};
    for (int i = 0; i < names.length; i++) {
      System.out.printf("%-34s %14s %14s%n", names[i], raw.get(i), live.get(i));
    }
  }

  /** The text of a delta inserting one todo, as Live sends it. */
  private static String sampleDelta() {
    String row = LiveJson.encode(TodoJson.CODEC, Todos.insert("t1", "hot").toRecord())
        .replaceAll("\"createdAt\":\"[^\"]*\"", "\"createdAt\":\"2026-11-22T00:00:00Z\"");
    return ServerMessages.delta("\"s\"", 1, 2, "[{\"op\":\"update\",\"index\":3,\"row\":" + row + "}]");
  }

  private static List<String> phases;

  /** Runs the three phases against one server; returns the three figures as text. */
  private static List<String> measure(String name, String uri, int clients, String mode, int seconds,
      IntConsumer mutation) throws Exception {
    String javaBin = System.getProperty("java.home") + "/bin/java";
    Process client = new ProcessBuilder(javaBin, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        LoadClient.class.getName(), uri, Integer.toString(clients), mode)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter in = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
      expect(out, "READY");
      System.out.println(name + ": " + clients + " clients connected");
      // Offered deliveries well above what raw Jetty reaches here (~100k/s), with no more
      // mutations than that takes: writes cost Live CPU that the raw broadcast does not spend.
      int saturating = Math.max(50, 150_000 / clients);
      drive(mutation, saturating, seconds); // warm-up
      String at50 = phases.contains("50") ? phase(name, "50/s", out, in, mutation, 50, seconds) : NOT_RUN;
      String at200 = phases.contains("200") ? phase(name, "200/s", out, in, mutation, 200, seconds) : NOT_RUN;
      String saturation = phases.contains("saturation")
          ? phase(name, "saturation", out, in, mutation, saturating, seconds) : NOT_RUN;
      in.println("EXIT");
      client.waitFor(30, TimeUnit.SECONDS);
      return List.of(field(saturation, "rate"), latency(at50), latency(at200));
    } finally {
      client.destroyForcibly();
    }
  }

  /** Lets queues left by the phase before drain, so that a phase does not measure another's backlog. */
  private static void settle() throws InterruptedException {
    Thread.sleep(3_000);
  }

  /** The figures of a phase left out. */
  private static final String NOT_RUN = "rate=- p50=- p99=- max=-";

  /** Lets the queues of what came before drain, then runs one measured phase. */
  private static String phase(String name, String label, BufferedReader out, PrintWriter in, IntConsumer mutation,
      int rate, int seconds) throws Exception {
    settle();
    System.out.println(name + " " + label + " starts at " + java.time.Instant.now());
    in.println("START");
    drive(mutation, rate, seconds);
    Thread.sleep(500); // let the last deliveries land
    in.println("STOP");
    String result = expect(out, "RESULT");
    double deliveries = Double.parseDouble(value(result, "deliveries"));
    double elapsed = Double.parseDouble(value(result, "seconds"));
    String line = result + String.format(Locale.ROOT, " rate=%.0f", deliveries / elapsed);
    System.out.println(name + " " + label + ": " + line);
    return line;
  }

  /** Calls {@code mutation} at {@code rate} per second for {@code seconds}, from 4 threads. */
  private static void drive(IntConsumer mutation, int rate, int seconds) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    AtomicInteger sent = new AtomicInteger();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        while (true) {
          int n = sent.getAndIncrement();
          long due = start + n * interval;
          if (due >= end) {
            return;
          }
          long wait = due - System.nanoTime();
          if (wait > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
          }
          mutation.accept(n);
        }
      });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  private static String expect(BufferedReader out, String prefix) throws Exception {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(prefix)) {
        return line;
      }
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

  private static String field(String line, String key) {
    return value(line, key);
  }

  private static String latency(String line) {
    return value(line, "p50") + " / " + value(line, "p99") + " / " + value(line, "max");
  }
}

package dev.live.benchmarks.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * One {@link LoadClient} process with its connections open to one server, and the measured
 * phases run through it: the server's mutations are driven here at a fixed rate while the load
 * client counts deliveries and records their latency.
 */
final class LoadSession implements AutoCloseable {
  private final String name;
  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;

  private LoadSession(String name, Process process) {
    this.name = name;
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
  }

  /** Starts a load client with {@code clients} connections to {@code uri} and waits until they are ready. */
  static LoadSession start(String name, String uri, int clients, String mode) throws Exception {
    String javaBin = System.getProperty("java.home") + "/bin/java";
    Process process = new ProcessBuilder(javaBin, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        LoadClient.class.getName(), uri, Integer.toString(clients), mode)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    LoadSession session = new LoadSession(name, process);
    try {
      session.expect("READY");
    } catch (Exception e) {
      session.close();
      throw e;
    }
    System.out.println(name + ": " + clients + " clients connected");
    return session;
  }

  /**
   * Lets the queues of what came before drain, then calls {@code mutation} at {@code rate} per
   * second for {@code seconds} while the load client measures; returns its figures.
   */
  Result phase(String label, IntConsumer mutation, int rate, int seconds) throws Exception {
    return phase(List.of(this), label, mutation, rate, seconds).get(0);
  }

  /**
   * As {@link #phase(String, IntConsumer, int, int)}, with several load clients measuring the same
   * mutations at once (on different servers, say); their figures in the order of {@code sessions}.
   */
  static List<Result> phase(List<LoadSession> sessions, String label, IntConsumer mutation, int rate, int seconds)
      throws Exception {
    Thread.sleep(3_000); // a phase must not measure the backlog of the one before
    for (LoadSession session : sessions) {
      System.out.println(session.name + " " + label + " starts at " + java.time.Instant.now());
      session.in.println("START");
    }
    drive(mutation, rate, seconds);
    Thread.sleep(500); // let the last deliveries land
    for (LoadSession session : sessions) {
      session.in.println("STOP");
    }
    List<Result> results = new ArrayList<>();
    for (LoadSession session : sessions) {
      String line = session.expect("RESULT");
      Result result = new Result(
          Double.parseDouble(value(line, "deliveries")) / Double.parseDouble(value(line, "seconds")),
          Double.parseDouble(value(line, "p50")), Double.parseDouble(value(line, "p99")),
          Double.parseDouble(value(line, "max")));
      System.out.println(session.name + " " + label + ": " + result);
      results.add(result);
    }
    return results;
  }

  /** Calls {@code mutation} at {@code rate} per second for {@code seconds}, from 4 threads. */
  static void drive(IntConsumer mutation, int rate, int seconds) throws InterruptedException {
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
            LockSupport.parkNanos(wait);
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

  @Override
  public void close() throws Exception {
    in.println("EXIT");
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private String expect(String prefix) throws Exception {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IllegalStateException("the load client of " + name + " ended before " + prefix);
  }

  private static String value(String line, String key) {
    for (String part : line.split(" ")) {
      if (part.startsWith(key + "=")) {
        return part.substring(key.length() + 1);
      }
    }
    throw new IllegalStateException("no " + key + " in " + line);
  }

  /** What a phase measured: deliveries per second and latency in milliseconds. */
  record Result(double rate, double p50, double p99, double max) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%.0f deliveries/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms", rate, p50, p99, max);
    }
  }
}

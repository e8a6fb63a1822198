package dev.live.benchmarks.server;

import dev.live.server.LiveServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Opens idle connections to a server from {@link IdleLoadClient} processes, runs something while
 * they are open, then closes them. Several processes, because each may hold only so many open
 * files; they connect in parallel, each one connection after another. Every phase is bounded.
 */
final class LoadProcesses {
  /** Connections per load process, well under a process's 20,000 open files here. */
  private static final int PER_PROCESS = 10_000;
  private static final int CONNECT_SECONDS = 300;

  private LoadProcesses() {}

  /** What was opened: how many, and in how long (the slowest process's time). */
  record Opened(int count, long millis, int processes) {
    double perSecond() {
      return millis == 0 ? 0 : count * 1000.0 / millis;
    }
  }

  /** Something to do while the connections are open. */
  interface WhileOpen {
    void run() throws Exception;
  }

  static Opened hold(LiveServer server, int connections, WhileOpen whileOpen) throws Exception {
    int processes = (connections + PER_PROCESS - 1) / PER_PROCESS;
    List<Process> started = new ArrayList<>();
    try {
      List<CompletableFuture<String>> ready = new ArrayList<>();
      for (int i = 0; i < processes; i++) {
        int share = connections / processes + (i < connections % processes ? 1 : 0);
        Process process = start(server.port(), share);
        started.add(process);
        ready.add(CompletableFuture.supplyAsync(() -> readReady(process)));
      }
      int opened = 0;
      long millis = 0;
      for (CompletableFuture<String> line : ready) {
        String ready1 = line.get(CONNECT_SECONDS + 60, TimeUnit.SECONDS);
        opened += Integer.parseInt(value(ready1, "opened"));
        millis = Math.max(millis, Long.parseLong(value(ready1, "millis")));
      }
      int expected = opened;
      // The welcome is sent once the connection is counted, but check: the figures divide by it.
      if (!await(() -> server.connectionCount() == expected)) {
        throw new IllegalStateException("the server counts " + server.connectionCount() + " connections, not " + expected);
      }
      whileOpen.run();
      return new Opened(opened, millis, processes);
    } finally {
      for (Process process : started) {
        exit(process);
      }
      if (!await(() -> server.connectionCount() == 0)) { // reported, not thrown: it would hide a failure above
        System.err.println("LoadProcesses: " + server.connectionCount() + " connections still open after 60 s");
      }
    }
  }

  private static Process start(int port, int connections) throws IOException {
    String java = System.getProperty("java.home") + "/bin/java";
    // A small heap and the serial collector: the load side should leave the cores to the server.
    return new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        IdleLoadClient.class.getName(), "127.0.0.1", Integer.toString(port), "/live", Integer.toString(connections),
        Integer.toString(CONNECT_SECONDS))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private static String readReady(Process process) {
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("READY")) {
          return line;
        }
      }
      throw new IllegalStateException("a load process ended before it was ready");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void exit(Process process) throws InterruptedException {
    try (PrintWriter in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8)) {
      in.println("EXIT");
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** Waits up to 60 s for {@code condition}; whether it came. */
  private static boolean await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
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

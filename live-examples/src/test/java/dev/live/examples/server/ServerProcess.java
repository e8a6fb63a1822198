package dev.live.examples.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server in a JVM of its own, at {@code -Xmx256m} with the serial collector, for tests that must
 * see the process itself: its exit status, its heap, its log. The main class prints {@code READY
 * <port>} once listening and then takes commands on standard input, one a line, {@code exit}
 * among them. Its standard error (the log) goes to a file, which {@link #close} deletes. Public for
 * the client tests that kill a node ({@code FailoverTest}).
 */
public final class ServerProcess implements AutoCloseable {
  static final String MAX_HEAP = "-Xmx256m";
  private static final String END = "\u0000end";

  private final Process process;
  private final Path log;
  private final PrintWriter commands;
  private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;

  private ServerProcess(Process process, Path log, Duration startWait) throws Exception {
    this.process = process;
    this.log = log;
    this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readOutput, "server-process-output");
    reader.setDaemon(true);
    reader.start();
    String ready = nextLine("READY", startWait);
    this.port = Integer.parseInt(ready.substring("READY ".length()).trim());
  }

  /** Starts {@code main} with {@code args} and waits up to {@code startWait} for it to listen. */
  public static ServerProcess start(Class<?> main, List<String> args, Duration startWait) throws Exception {
    Path log = Files.createTempFile("live-server-", ".log");
    List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", MAX_HEAP,
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    try {
      return new ServerProcess(process, log, startWait);
    } catch (Exception | AssertionError e) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(log);
      throw e;
    }
  }

  private void readOutput() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.add(line);
      }
    } catch (IOException e) {
      // the process ended; END says so below
    }
    output.add(END);
  }

  public int port() {
    return port;
  }

  public URI uri(String path) {
    return URI.create((path.equals("/live") ? "ws" : "http") + "://127.0.0.1:" + port + path);
  }

  public Process process() {
    return process;
  }

  /** Sends {@code command} and returns its answer: the next line starting with {@code answer}. */
  String command(String command, String answer, Duration wait) throws Exception {
    commands.println(command);
    return nextLine(answer, wait);
  }

  /** The next line of the process's output starting with {@code prefix}, waiting up to {@code wait}. */
  String nextLine(String prefix, Duration wait) throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      String line = output.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("the server process printed no " + prefix + " within " + wait + "; its log:\n"
            + tail());
      }
      if (line.equals(END)) {
        output.add(END); // for the next caller too
        throw new AssertionError("the server process ended before printing " + prefix + "; its log:\n" + tail());
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  /** The lines of the process's log so far. */
  List<String> logLines() {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String tail() {
    List<String> lines = logLines();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 200), lines.size()));
  }

  /** {@code 503 {...}}, {@code 200 {...}}, or {@code refused} when nothing listens any more. */
  String health() throws InterruptedException {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/live/health"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() + " " + response.body();
    } catch (ConnectException e) {
      return "refused";
    } catch (IOException e) {
      return "refused"; // the connection was cut as the process ended
    }
  }

  /** Asks the process to exit, ends it if it does not within 10 s, and deletes its log. */
  @Override
  public void close() throws Exception {
    try {
      if (process.isAlive()) {
        commands.println("exit");
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }
}

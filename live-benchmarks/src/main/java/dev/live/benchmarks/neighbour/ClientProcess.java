package dev.live.benchmarks.neighbour;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client of the noisy-neighbour benchmark in a JVM of its own ({@link Bystander}, {@link
 * Attacker}), started with the same {@code java} and class path, driven by lines on its stdin and
 * answering with lines on its stdout. Every wait for an answer is bounded.
 */
final class ClientProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;

  private ClientProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
  }

  /** Starts {@code main} with {@code args} and waits (60 s at most) for its {@code READY}. */
  static ClientProcess start(String name, Class<?> main, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    ClientProcess client = new ClientProcess(name,
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    try {
      client.expect("READY", 60);
    } catch (Exception e) {
      client.close();
      throw e;
    }
    return client;
  }

  /** Sends {@code command}, which has no answer. */
  void tell(String command) {
    in.println(command);
  }

  /** Sends {@code command} and waits up to {@code seconds} for a line starting with {@code answer}. */
  String ask(String command, String answer, int seconds) throws Exception {
    in.println(command);
    return expect(answer, seconds);
  }

  private String expect(String prefix, int seconds) throws Exception {
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try {
        for (String read = out.readLine(); read != null; read = out.readLine()) {
          if (read.startsWith(prefix)) {
            return read;
          }
        }
        throw new IllegalStateException("the " + name + " process ended before " + prefix);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      return line.get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the " + name + " process did not answer " + prefix + " within " + seconds + " s");
    }
  }

  /** The value of {@code key=value} in an answer line. */
  static String value(String line, String key) {
    for (String part : line.split(" ")) {
      if (part.startsWith(key + "=")) {
        return part.substring(key.length() + 1);
      }
    }
    throw new IllegalStateException("no " + key + " in " + line);
  }

  @Override
  public void close() {
    in.println("EXIT");
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

package dev.live.examples.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a scenario file of {@code src/test/js/} with Node for the browser client's tests ({@link
 * JsClientTest}, {@link JsFailoverTest}): the file prints PASS or FAIL per scenario and asks the
 * Java side, with {@code STEP <name>} lines, to act (drop connections, stop a node). Without Node
 * the test is skipped with a message, except in CI ({@code LIVE_CI} set), where it fails.
 */
final class NodeScripts {
  private static final Duration SCRIPT_LIMIT = Duration.ofSeconds(120);

  private NodeScripts() {}

  /**
   * Runs {@code script} with Node and fails with its output unless every scenario passed;
   * {@code steps} are what the script may ask for, {@code environment} what it reads (the servers'
   * URLs).
   */
  static void run(String script, Map<String, Runnable> steps, Map<String, String> environment) {
    Path module = Path.of("src/test/js", script);
    assertThat(module).exists();
    List<String> command = nodeCommand();
    command.add(module.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    List<String> output = new ArrayList<>();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start node", e);
    }
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
      Thread killer = new Thread(() -> {
        try {
          if (!process.waitFor(SCRIPT_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
          }
        } catch (InterruptedException e) {
          process.destroyForcibly();
        }
      });
      killer.setDaemon(true);
      killer.start();
      String line;
      while ((line = out.readLine()) != null) {
        output.add(line);
        if (line.startsWith("STEP ")) {
          Runnable step = steps.get(line.substring(5).trim());
          if (step == null) {
            process.destroyForcibly();
            fail("the script asked for an unknown step: " + line + "\n" + String.join("\n", output));
          }
          step.run();
          in.write("done\n");
          in.flush();
        }
      }
      int exit = process.waitFor();
      String text = String.join("\n", output);
      assertThat(exit).as("node's exit code; its output:\n%s", text).isZero();
      assertThat(output).as("its output").anyMatch(l -> l.startsWith("PASS ")).noneMatch(l -> l.startsWith("FAIL "));
    } catch (IOException e) {
      throw new IllegalStateException("talking to node failed; it printed:\n" + String.join("\n", output), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      fail("interrupted");
    }
  }

  /** Node with a WebSocket: built in from Node 22, behind a flag in Node 20 and 21. */
  private static List<String> nodeCommand() {
    Optional<Integer> major = nodeMajorVersion();
    if (major.isEmpty()) {
      String message = "Node.js is not installed; the browser client's tests need it (Debian: apt-get install nodejs)";
      if (System.getenv("LIVE_CI") != null) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    List<String> command = new ArrayList<>(List.of("node"));
    if (major.get() < 22) {
      command.add("--experimental-websocket");
    }
    return command;
  }

  private static Optional<Integer> nodeMajorVersion() {
    try {
      Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(10, TimeUnit.SECONDS) || !version.startsWith("v")) {
        return Optional.empty();
      }
      return Optional.of(Integer.parseInt(version.substring(1, version.indexOf('.'))));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}

package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.live.examples.storage.Backend;
import dev.live.examples.storage.TestDatabase;
import dev.live.server.FatalErrorPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server whose part dies of an {@code Error} does not carry on half-alive: with the default
 * policy its clients see 1011, health goes red, and the process exits with status 70. The server
 * runs in a process of its own ({@link FatalErrorServerMain}), which every test ends.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class FatalErrorExitTest {
  private static final Duration START = Duration.ofSeconds(60);
  /** The stopper's grace for closes, then the halt's bound, and a margin for a loaded machine. */
  private static final Duration EXIT = Duration.ofSeconds(30);

  @Parameter
  Backend backend;

  private TestDatabase database;
  private Process process;
  private Path log;
  private PrintWriter commands;
  private BufferedReader output;
  private int port;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeEach
  void startServerProcess() throws Exception {
    database = backend.create();
    log = Files.createTempFile("live-fatal-", ".log");
    List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx256m",
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), FatalErrorServerMain.class.getName()));
    if (backend == Backend.H2) {
      command.add("h2");
    } else {
      command.addAll(List.of("postgres", database.jdbcUrl(), database.user(), database.password()));
    }
    process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String ready = nextLine("READY", START);
    port = Integer.parseInt(ready.substring("READY ".length()).trim());
  }

  @Test
  void anErrorOnTheChangeTailClosesConnectionsTurnsHealthRedAndExitsWithStatus70() throws Exception {
    WsClient watcher = client();
    watcher.subscribe("s1", "{\"collection\":\"tasks\",\"where\":{\"boardId\":{\"eq\":\"b1\"}}}");
    arm("fail-tail");
    // The tail reads the log when it is told of a commit (and by its poll): this write wakes it.
    watcher.send(WsClient.mutation("m1", 1, "insert", "tasks", null, ServerTestBase.json(
        ServerTestBase.task("t90", "b1", "TODO", 9))));

    assertStoppedAndExited("live-change-tail", watcher);
  }

  @Test
  void anOutOfMemoryErrorInAProcedureOnAWorkerStopsTheServerTheSameWay() throws Exception {
    WsClient watcher = client();
    watcher.subscribe("s1", "{\"collection\":\"tasks\",\"where\":{\"boardId\":{\"eq\":\"b1\"}}}");
    WsClient caller = client();
    arm("fail-worker");
    caller.send("{\"type\":\"call\",\"id\":\"c1\",\"procedure\":\"countOpen\",\"input\":\"b1\"}");

    assertStoppedAndExited("live-worker-", watcher);
  }

  private void assertStoppedAndExited(String thread, WsClient watcher) throws Exception {
    assertThat(watcher.closed.get(EXIT.toSeconds(), TimeUnit.SECONDS)[0]).as("close code").isEqualTo(1011);
    assertThat(watcher.closeReason.get(EXIT.toSeconds(), TimeUnit.SECONDS)).contains("internal error");
    // Red while it closes its connections, refused once the process is gone; never up again.
    await().atMost(EXIT).until(() -> {
      String health = health();
      assertThat(health).as("health after the error").doesNotStartWith("200");
      return health.startsWith("503") || health.equals("refused");
    });
    assertThat(process.waitFor(EXIT.toSeconds(), TimeUnit.SECONDS)).as("the process ended").isTrue();
    assertThat(process.exitValue()).isEqualTo(FatalErrorPolicy.EXIT_STATUS);
    List<String> errors = Files.readAllLines(log).stream().filter(line -> line.contains("ERROR")).toList();
    assertThat(errors).as("the log's ERROR lines").isNotEmpty();
    assertThat(errors.get(errors.size() - 1)).as("the last ERROR line says why")
        .contains("fatal OutOfMemoryError on thread " + thread).contains("exiting with status 70");
  }

  /** {@code 503 {...}}, {@code 200 {...}}, or {@code refused} when nothing listens any more. */
  private String health() throws InterruptedException {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/live/health")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() + " " + response.body();
    } catch (ConnectException e) {
      return "refused";
    } catch (IOException e) {
      return "refused"; // the connection was cut as the process ended
    }
  }

  private WsClient client() {
    WsClient client = WsClient.open(URI.create("ws://127.0.0.1:" + port + "/live"), null);
    clients.add(client);
    return client;
  }

  private void arm(String command) throws Exception {
    commands.println(command);
    assertThat(nextLine("ARMED", Duration.ofSeconds(10))).isEqualTo("ARMED");
  }

  /** The next line of the process's output starting with {@code prefix}, waiting up to {@code wait}. */
  private String nextLine(String prefix, Duration wait) throws Exception {
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try {
        for (String next = output.readLine(); next != null; next = output.readLine()) {
          if (next.startsWith(prefix)) {
            return next;
          }
        }
        throw new IllegalStateException("the server process ended before printing " + prefix + "; its log:\n"
            + Files.readString(log));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    return line.get(wait.toSeconds(), TimeUnit.SECONDS);
  }

  @AfterEach
  void stopServerProcess() throws Exception {
    for (WsClient client : clients) {
      client.close();
    }
    if (process != null && process.isAlive()) {
      commands.println("exit");
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (log != null) {
      Files.deleteIfExists(log);
    }
    if (database != null) {
      database.close();
    }
  }
}

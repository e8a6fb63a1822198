package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.live.examples.storage.Backend;
import dev.live.examples.storage.TestDatabase;
import dev.live.server.FatalErrorPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  private ServerProcess server;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeEach
  void startServerProcess() throws Exception {
    database = backend.create();
    server = ServerProcess.start(FatalErrorServerMain.class, backend == Backend.H2 ? List.of("h2")
        : List.of("postgres", database.jdbcUrl(), database.user(), database.password()), START);
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
      String health = server.health();
      assertThat(health).as("health after the error").doesNotStartWith("200");
      return health.startsWith("503") || health.equals("refused");
    });
    assertThat(server.process().waitFor(EXIT.toSeconds(), TimeUnit.SECONDS)).as("the process ended").isTrue();
    assertThat(server.process().exitValue()).isEqualTo(FatalErrorPolicy.EXIT_STATUS);
    List<String> errors = server.logLines().stream().filter(line -> line.contains("ERROR")).toList();
    assertThat(errors).as("the log's ERROR lines").isNotEmpty();
    assertThat(errors.get(errors.size() - 1)).as("the last ERROR line says why")
        .contains("fatal OutOfMemoryError on thread " + thread).contains("exiting with status 70");
  }

  private WsClient client() {
    WsClient client = WsClient.open(server.uri("/live"), null);
    clients.add(client);
    return client;
  }

  private void arm(String command) throws Exception {
    assertThat(server.command(command, "ARMED", Duration.ofSeconds(10))).isEqualTo("ARMED");
  }

  @AfterEach
  void stopServerProcess() throws Exception {
    for (WsClient client : clients) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    if (database != null) {
      database.close();
    }
  }
}

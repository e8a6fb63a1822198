package dev.live.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.schema.LiveSchema;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connection that ends just after its upgrade, before its welcome, must be replaced by a new
 * one. {@code ClientConvergenceTest} once failed so, in a script without writes: a client whose
 * connection was reset as it reconnected waited for a welcome forever, and its subscription never
 * got a first result. Two ways the end could go unheard, each played exactly here by a stand-in
 * opener: the JDK reports the end before the client's loop heard of the open (the loop then
 * passed the report over, as the socket was not its connection yet), or does not report it at
 * all and only the hello's send fails (seen under a reset right after the upgrade).
 */
class ConnectionEndedWhileOpeningTest {
  private static final long WAIT_SECONDS = 10;
  private static final LiveSchema NO_COLLECTIONS = new LiveSchema(List.of(), List.of()) {};
  private static final String WELCOME = "{\"type\":\"welcome\",\"id\":\"hello\",\"protocol\":1,\"clientId\":\"c1\","
      + "\"lastMutation\":0,\"version\":0}";

  /** The connections the client opened, in order, each with what the client sent on it. */
  private final BlockingQueue<StandInSocket> opened = new LinkedBlockingQueue<>();
  private final AtomicInteger opens = new AtomicInteger();
  private ClientCore client;

  @Test
  void connectionReportedEndedBeforeItsOpenReachedTheClientIsReplacedByANewOne() throws Exception {
    startClient((socket, standIn, events) -> {
      // As the JDK's receiver does when the reset comes first: the end is reported as soon as the
      // socket object exists, and the open's completion follows. Sends on it do not fail here, so
      // that nothing but the report tells the client.
      events.closed(socket, 1006, "java.io.IOException: Connection reset");
    });
    assertReconnectsAndSubscribes();
  }

  @Test
  void connectionWhoseHelloCannotBeSentIsReplacedByANewOneThoughItsEndIsNeverReported() throws Exception {
    startClient((socket, standIn, events) -> standIn.outputClosed = true);
    assertReconnectsAndSubscribes();
  }

  @Test
  void connectionThatNeverGetsItsWelcomeIsReplacedAfterTheConnectAndHeartbeatTimeouts() throws Exception {
    // The first connection opens and takes the hello, and then nothing comes back on it, as on a
    // network that swallows traffic.
    startClient((socket, standIn, events) -> { }, ClientOptions.builder().connectTimeout(Duration.ofMillis(100))
        .heartbeat(Duration.ofMillis(200), Duration.ofMillis(100)));
    assertReconnectsAndSubscribes();
  }

  /** What happens to the first connection as it opens. */
  private interface FirstOpen {
    void happen(ClientSocket socket, StandInSocket standIn, ClientSocket.Events events);
  }

  private void startClient(FirstOpen firstOpen) {
    startClient(firstOpen, ClientOptions.builder());
  }

  private void startClient(FirstOpen firstOpen, ClientOptions.Builder options) {
    ClientSocket.Opener opener = (node, events) -> {
      StandInSocket standIn = new StandInSocket();
      ClientSocket socket = new ClientSocket(standIn, events);
      standIn.socket = socket;
      if (opens.getAndIncrement() == 0) {
        firstOpen.happen(socket, standIn, events);
      }
      opened.add(standIn);
      return CompletableFuture.completedFuture(socket);
    };
    client = new ClientCore(List.of(URI.create("ws://127.0.0.1:1/live")), NO_COLLECTIONS, options
        .clientId("c1").backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build(), opener, new java.util.Random(1));
    client.subscribe("\"procedure\":\"board\",\"input\":{}", null, null, result -> { }, error -> { });
    client.start();
  }

  /** A second connection opens, and once welcomed the client is open and subscribes on it. */
  private void assertReconnectsAndSubscribes() throws Exception {
    CompletableFuture<ConnectionState> open = new CompletableFuture<>();
    client.onStateChange(state -> {
      if (state == ConnectionState.OPEN) {
        open.complete(state);
      }
    });
    assertThat(opened.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("the first connection").isNotNull();
    StandInSocket next = opened.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(next).as("a new connection after the one that ended as it opened").isNotNull();
    assertThat(next.sent.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("the hello on the new connection")
        .contains("\"type\":\"hello\"");
    client.text(next.socket, WELCOME);
    assertThat(open.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(ConnectionState.OPEN);
    assertThat(next.sent.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("the subscription, sent after the welcome")
        .contains("\"type\":\"subscribe\"");
  }

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }
}

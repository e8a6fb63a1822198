package dev.live.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.schema.LiveSchema;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client given several nodes, against stand-in connections: it goes past a node that is down,
 * and when its connection ends it moves on to the next node and sends there what it sent before:
 * its subscriptions, and its unacknowledged mutations under the same sequence numbers.
 */
class FailoverClientTest {
  private static final long WAIT_SECONDS = 10;
  private static final LiveSchema NO_COLLECTIONS = new LiveSchema(List.of(), List.of()) {};
  private static final URI ONE = URI.create("ws://127.0.0.1:1/live");
  private static final URI TWO = URI.create("ws://127.0.0.1:2/live");

  private record Attempt(URI node, StandInSocket socket) {}

  private final BlockingQueue<Attempt> attempts = new LinkedBlockingQueue<>();
  private ClientCore client;

  @Test
  void aClientWhoseFirstNodeIsDownConnectsToTheNext() throws Exception {
    start(List.of(ONE, TWO), ONE);
    assertThat(attempts.poll(WAIT_SECONDS, TimeUnit.SECONDS).node()).as("the first node, as listed").isEqualTo(ONE);
    Attempt second = attempts.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(second.node()).isEqualTo(TWO);
    welcome(second);
    assertThat(client.node()).isEqualTo(TWO);
  }

  @Test
  void afterADropTheClientMovesToTheNextNodeAndSendsItsSubscriptionsAndUnacknowledgedMutationsThere()
      throws Exception {
    start(List.of(ONE, TWO), null);
    Attempt first = attempts.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(first.node()).isEqualTo(ONE);
    welcome(first);
    client.subscribe("\"procedure\":\"board\",\"input\":{}", null, null, result -> { }, error -> { });
    client.mutate(new PendingMutation(PendingMutation.Kind.CALL, null, null, null, null, null,
        "\"procedure\":\"move\",\"input\":{}", new CompletableFuture<>()));
    assertThat(next(first, "\"type\":\"subscribe\"")).doesNotContain("\"from\"");
    assertThat(next(first, "\"type\":\"call\"")).contains("\"seq\":1");

    client.closed(first.socket().socket, 1006, "the node died"); // its ack never came
    Attempt second = attempts.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(second.node()).as("the next attempt goes to the other node").isEqualTo(TWO);
    welcome(second);
    assertThat(next(second, "\"type\":\"subscribe\"")).contains("\"id\":\"s1\"");
    assertThat(next(second, "\"type\":\"call\"")).as("the same mutation, under its number").contains("\"seq\":1")
        .contains("\"id\":\"m1\"");
    assertThat(client.node()).isEqualTo(TWO);
    assertThat(client.pendingCount().get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
  }

  /** Starts a client on {@code nodes} as listed; attempts on {@code down} fail as on a refused connection. */
  private void start(List<URI> nodes, URI down) {
    ClientSocket.Opener opener = (node, events) -> {
      if (node.equals(down)) {
        attempts.add(new Attempt(node, null));
        return CompletableFuture.failedFuture(new ConnectException("Connection refused"));
      }
      StandInSocket standIn = new StandInSocket();
      ClientSocket socket = new ClientSocket(standIn, events);
      standIn.socket = socket;
      attempts.add(new Attempt(node, standIn));
      return CompletableFuture.completedFuture(socket);
    };
    client = new ClientCore(nodes, NO_COLLECTIONS, ClientOptions.builder().clientId("c1").shuffleNodes(false)
        .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build(), opener, new Random(1));
    client.start();
  }

  private void welcome(Attempt attempt) throws Exception {
    assertThat(next(attempt, "\"type\":\"hello\"")).contains("\"clientId\":\"c1\"");
    client.text(attempt.socket().socket, "{\"type\":\"welcome\",\"id\":\"hello\",\"protocol\":1,\"clientId\":\"c1\","
        + "\"lastMutation\":0,\"version\":0}");
  }

  /** The next message the client sent on {@code attempt}'s connection, which must be of {@code kind}. */
  private static String next(Attempt attempt, String kind) throws InterruptedException {
    String sent = attempt.socket().sent.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(sent).as("a message with " + kind).isNotNull().contains(kind);
    return sent;
  }

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }
}

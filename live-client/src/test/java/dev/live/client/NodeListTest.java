package dev.live.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which node a client tries next, and how long it waits first ({@link NodeList}). */
class NodeListTest {
  private static final URI A = URI.create("ws://127.0.0.1:8081/live");
  private static final URI B = URI.create("ws://127.0.0.1:8082/live");
  private static final URI C = URI.create("ws://127.0.0.1:8083/live");
  private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(100));

  @Test
  void clientsGivenTheSameListStartOnDifferentNodes() {
    Set<URI> firsts = new HashSet<>();
    for (int seed = 0; seed < 64; seed++) {
      firsts.add(new NodeList(List.of(A, B, C), true, BACKOFF, new Random(seed)).current());
    }
    assertThat(firsts).containsExactlyInAnyOrder(A, B, C);
  }

  @Test
  void clientsOfOneNodeMoveOnToDifferentNodesWhenItFails() {
    // Each client walks an order of its own: the node after A is not the same for all of them.
    Set<URI> nextAfterA = new HashSet<>();
    for (int seed = 0; seed < 256; seed++) {
      NodeList nodes = new NodeList(List.of(A, B, C), true, BACKOFF, new Random(seed));
      while (!nodes.current().equals(A)) {
        nodes.failed();
      }
      nodes.connected();
      nodes.failed();
      nextAfterA.add(nodes.current());
    }
    assertThat(nextAfterA).containsExactlyInAnyOrder(B, C);
  }

  @Test
  void withoutShufflingTheNodesAreTriedAsListedRoundTheList() {
    NodeList nodes = new NodeList(List.of(A, B, C), false, BACKOFF, new Random(1));
    List<URI> tried = new ArrayList<>(List.of(nodes.current()));
    for (int i = 0; i < 4; i++) {
      nodes.failed();
      tried.add(nodes.current());
    }
    assertThat(tried).containsExactly(A, B, C, A, B);
  }

  @Test
  void theClientStaysOnTheNodeThatWelcomedIt() {
    NodeList nodes = new NodeList(List.of(A, B), false, BACKOFF, new Random(1));
    nodes.failed();
    nodes.connected();
    assertThat(nodes.current()).isEqualTo(B);
  }

  @Test
  void theBackoffStepsOncePerRoundInWhichEveryNodeFailed() {
    NodeList nodes = new NodeList(List.of(A, B, C), true, BACKOFF, new Random(7));
    // Step 0 waits 50 to 100 ms, step 1 100 to 200 ms, step 2 200 to 400 ms.
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThat(nodes.failed()).as("round 1, attempt %d", attempt).isBetween(50L, 100L);
    }
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThat(nodes.failed()).as("round 2, attempt %d", attempt).isBetween(100L, 200L);
    }
    assertThat(nodes.failed()).as("round 3").isBetween(200L, 400L);
    nodes.connected();
    assertThat(nodes.failed()).as("after a welcome").isBetween(50L, 100L);
  }

  @Test
  void oneNodeStepsTheBackoffOnEveryFailureAsAClientWithOneUrlDoes() {
    NodeList nodes = new NodeList(List.of(A), true, BACKOFF, new Random(7));
    assertThat(nodes.failed()).isBetween(50L, 100L);
    assertThat(nodes.failed()).isBetween(100L, 200L);
    assertThat(nodes.failed()).isBetween(200L, 400L);
    assertThat(nodes.current()).isEqualTo(A);
  }

  @Test
  void theBackoffStopsGrowingAtItsMaximum() {
    NodeList nodes = new NodeList(List.of(A, B), true, new Backoff(Duration.ofMillis(100), Duration.ofMillis(300)),
        new Random(7));
    for (int i = 0; i < 100; i++) {
      nodes.failed();
    }
    assertThat(nodes.failed()).isBetween(150L, 300L);
  }

  @Test
  void aNodeListNamesAtLeastOneWebSocketUrlEachOnce() {
    assertThatThrownBy(() -> NodeList.checked(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the node list is empty");
    assertThatThrownBy(() -> NodeList.checked(List.of(A, B, A))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names ws://127.0.0.1:8081/live twice");
    assertThatThrownBy(() -> NodeList.checked(List.of(A, URI.create("http://127.0.0.1:8082/live"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a node is a ws: or wss: URL with a host").hasMessageContaining("http://127.0.0.1:8082/live");
    assertThatThrownBy(() -> NodeList.checked(java.util.Arrays.asList(A, null))).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("position 1");
    assertThat(NodeList.checked(List.of(URI.create("WSS://live.example.com/live"), A))).hasSize(2);
  }
}

package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.Rules;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Messages over a connection's rate, or over its user's rate across the user's connections, are
 * refused with {@code RATE_LIMITED} (echoing their id) and not run, except writes, which end the
 * connection so that the client's order and exactly-once hold; a connection that keeps
 * sending over its rate is closed with 1008; other clients are served throughout; and a user's
 * shared bucket outlives the user's last connection until it is full again.
 */
class RateLimitTest extends ServerTestBase {
  private static final int RATE = 10;
  private static final int BURST = 10;
  /** Low, so that refilling during a test adds little to the user's burst. */
  private static final int USER_RATE = 1;
  private static final int USER_BURST = 15;
  private static final int STRIKES = 50;
  private static final String B1_TASKS = json("{'collection':'tasks','where':{'op':'eq','field':'boardId','value':'b1'}}");

  private WsClient watcher;
  private final AtomicInteger watcherWrites = new AtomicInteger();

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder
        .authenticate(ServerTestBase::bearerUser)
        .rules(Rules.none())
        .options(ServerOptions.builder()
            .messagesPerSecond(RATE)
            .messageBurst(BURST)
            .userMessagesPerSecond(USER_RATE)
            .userMessageBurst(USER_BURST)
            .rateLimitStrikes(STRIKES)
            .build());
  }

  @BeforeEach
  void watch() {
    watcher = client("watcher"); // anonymous: only its own connection's bucket
    watcher.subscribe("w", B1_TASKS);
  }

  @Test
  void burstAtTenTimesTheRateIsThrottledAndRefusedMessagesAreNotRun() {
    long opened = System.nanoTime();
    WsClient flood = client("flood"); // its hello took the first token
    // Within the strikes: the burst plus STRIKES refusals at most, so the connection stays open.
    int count = BURST - 1 + STRIKES;
    long interval = TimeUnit.SECONDS.toNanos(1) / (10 * RATE);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      LockSupport.parkNanos(start + i * interval - System.nanoTime()); // pacing the sender, at 10 × the rate
      flood.send("{\"type\":\"query\",\"id\":\"f" + i + "\",\"query\":{\"collection\":\"tasks\",\"id\":\"t1\"}}");
      if (i == count / 2) {
        assertWatcherServed(); // in the middle of the flood
      }
    }
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(flood.received().size() - 1)
        .as("replies (closed: %s)", flood.closeReason.getNow("no")).isGreaterThanOrEqualTo(count));
    double seconds = (System.nanoTime() - opened) / 1e9;
    List<JsonNode> replies = flood.received().subList(1, count + 1);
    List<String> answered = new ArrayList<>();
    int limited = 0;
    for (int i = 0; i < count; i++) {
      JsonNode reply = replies.get(i);
      assertThat(reply.path("id").asText()).as("reply %d in order: %s", i, reply).isEqualTo("f" + i);
      if (reply.path("type").asText().equals("error")) {
        assertThat(reply.path("error").path("code").asText()).as("reply %d: %s", i, reply).isEqualTo("RATE_LIMITED");
        assertThat(reply.path("error").path("message").asText()).contains("this connection");
        limited++;
      } else {
        assertThat(reply.path("type").asText()).as("reply %d: %s", i, reply).isEqualTo("rows");
        answered.add("f" + i);
      }
    }
    assertThat(answered).as("the messages within the burst").startsWith(ids(BURST - 1));
    assertThat(answered.size()).as("at most the burst and the rate over %.1f s", seconds)
        .isLessThanOrEqualTo(BURST - 1 + (int) Math.ceil(RATE * seconds));
    assertThat(limited).isPositive();
    assertThat(flood.closed).as("within the strikes: still open").isNotDone();
    assertWatcherServed();
  }

  /**
   * A write cannot be refused and the next one run: its seq would be passed, and its retry taken
   * for a duplicate. Over the rate, a write ends the connection instead; nothing sent after it
   * runs, and sent again on a new connection, it applies, once.
   */
  @Test
  void aWriteOverTheRateEndsTheConnectionAndItsRetryAppliesOnce() throws Exception {
    WsClient writer = client("writer"); // its hello took the first token
    int count = BURST + 10;
    for (int i = 0; i < count; i++) {
      if (writer.closed.isDone()) {
        break;
      }
      writer.send(WsClient.mutation("w" + i, i + 1, "insert", "tasks", null, json(task("w" + i, "b2", "TODO", i))));
    }
    int code = writer.closed.get(10, TimeUnit.SECONDS)[0];
    if (code != -1) { // the connection may drop before the close frame reaches a client still sending
      assertThat(code).isEqualTo(1013);
      assertThat(writer.closeReason.get(10, TimeUnit.SECONDS)).contains("rate limit");
    }
    List<String> written = fresh(json("{'collection':'tasks','where':{'op':'eq','field':'boardId','value':'b2'}}"))
        .stream().map(row -> row.path("id").asText()).filter(id -> id.startsWith("w")).toList();
    assertThat(written).as("a prefix of the writes, nothing after the refused one")
        .containsExactlyInAnyOrder(java.util.Arrays.copyOf(idsOf("w", count), written.size()));
    assertThat(written.size()).isBetween(BURST - 1, count - 1);
    assertThat(writer.received()).noneMatch(m -> m.path("error").path("code").asText().equals("RATE_LIMITED"));

    int refused = written.size();
    WsClient again = client("writer"); // the same client on a new connection
    JsonNode ack = again.mutate(refused + 1, "insert", "tasks", null, json(task("w" + refused, "b2", "TODO", refused)));
    assertThat(ack.path("status").asText()).as("%s", ack).isEqualTo("applied");
    assertWatcherServed();
  }

  @Test
  void clientThatKeepsFloodingIsClosedWithPolicyViolation() throws Exception {
    WsClient flood = client("flood");
    // Far faster than the rate, but one message at a time, each after the reply to the one before:
    // Jetty drops the connection right after an error close frame, and input the client is still
    // sending would turn that into a reset before the client reads the frame (docs/protocol.md).
    // The rest of the burst and STRIKES + 1 refusals take about 60 messages; bounded in case.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    int sent = 0;
    while (sent < 2_000 && !flood.closed.isDone() && System.nanoTime() < deadline) {
      String id = "flood-" + sent;
      flood.send("{\"type\":\"ping\",\"id\":\"" + id + "\"}");
      sent++;
      await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10))
          .until(() -> flood.closed.isDone() || flood.received().stream().anyMatch(m -> m.path("id").asText().equals(id)));
    }
    int code = flood.closed.get(10, TimeUnit.SECONDS)[0];
    String reason = flood.closeReason.get(10, TimeUnit.SECONDS);
    assertThat(code).as("close code after %d messages; reason: %s", sent, reason).isEqualTo(1008);
    assertThat(reason).contains("rate limit");
    List<JsonNode> replies = flood.received().subList(1, flood.received().size());
    assertThat(replies).as("the burst's pongs, then refusals").hasSizeGreaterThanOrEqualTo(BURST - 1 + STRIKES)
        .allMatch(m -> m.path("type").asText().equals("pong")
            || m.path("error").path("code").asText().equals("RATE_LIMITED"));
    assertThat(replies.subList(0, BURST - 1)).allMatch(m -> m.path("type").asText().equals("pong"));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(server.connectionCount()).as("the watcher's only").isEqualTo(1));
    assertWatcherServed();
  }

  @Test
  void connectionsOfOneUserShareTheUsersBucket() {
    WsClient first = authenticated("ann");
    // hello and 9 pings: within both the connection's burst (10) and the user's (15).
    assertThat(pings(first, BURST - 1)).as("one connection alone is not limited").containsOnly("pong");
    WsClient second = authenticated("ann"); // its hello takes the user's 11th token
    // Its own bucket has room for all 10; the user's has 4 left (and refills 1 a second).
    assertThat(pings(second, BURST - 1)).as("the user's 4 tokens left, then refusals")
        .startsWith("pong", "pong", "pong", "pong").contains("RATE_LIMITED");
    assertThat(second.received()).filteredOn(m -> m.path("error").path("code").asText().equals("RATE_LIMITED"))
        .allMatch(m -> m.path("error").path("message").asText().contains("this user's connections"));
    WsClient bob = authenticated("bob");
    assertThat(pings(bob, BURST - 1)).as("another user has a bucket of its own").containsOnly("pong");
    assertWatcherServed();
  }

  @Test
  void aUsersSpentBucketOutlivesItsLastConnectionSoReconnectingGivesNoFreshBurst() {
    assertThat(server.userBucketCount()).as("the watcher is anonymous").isZero();
    WsClient ann1 = authenticated("ann");
    WsClient ann2 = authenticated("ann");
    // The two hellos and these 13 pings take the 15 tokens of ann's bucket, which refills 1 a second.
    assertThat(pings(ann1, 9)).containsOnly("pong");
    assertThat(pings(ann2, 4)).containsOnly("pong");
    WsClient bob = authenticated("bob");
    client("anonymous");
    assertThat(server.userBucketCount()).isEqualTo(2);
    ann1.close();
    ann2.abort(); // dropped without a close handshake, as a crashed client would
    bob.close();
    // Bob's bucket, one token short, is full again within a second or two and goes; ann's is not.
    await().atMost(Duration.ofSeconds(10)).until(() -> server.userBucketCount() == 1);
    assertThat(pings(authenticated("ann"), BURST - 1)).as("ann's bucket is still nearly empty")
        .contains("RATE_LIMITED");
  }

  private WsClient authenticated(String user) {
    WsClient client = track(WsClient.connect(uri(), Map.of("Authorization", "Bearer " + user)));
    client.hello(null);
    return client;
  }

  /** Sends {@code count} pings at once, then returns the type of each reply, or its error code. */
  private static List<String> pings(WsClient client, int count) {
    String prefix = "ping-" + System.nanoTime() + "-";
    for (int i = 0; i < count; i++) {
      client.send("{\"type\":\"ping\",\"id\":\"" + prefix + i + "\"}");
    }
    List<String> replies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = prefix + i;
      JsonNode reply = client.next(m -> m.path("id").asText().equals(id));
      replies.add(reply.path("type").asText().equals("error") ? reply.path("error").path("code").asText()
          : reply.path("type").asText());
    }
    return replies;
  }

  private static String[] ids(int count) {
    return idsOf("f", count);
  }

  private static String[] idsOf(String prefix, int count) {
    String[] ids = new String[count];
    for (int i = 0; i < count; i++) {
      ids[i] = prefix + i;
    }
    return ids;
  }

  /** The watcher makes a write and gets its ack, its delta and a pong (3 of its messages). */
  private void assertWatcherServed() {
    String title = "Watched " + watcherWrites.incrementAndGet();
    update(watcher, "tasks", "t1", "{'title':'" + title + "'}");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(ReplayedResult.of(watcher, "w").rows())
            .anyMatch(row -> row.path("title").asText().equals(title)));
    String id = "ping-" + System.nanoTime();
    assertThat(watcher.request(id, "{\"type\":\"ping\",\"id\":\"" + id + "\"}").path("type").asText())
        .isEqualTo("pong");
  }
}

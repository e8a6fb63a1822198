package dev.live.examples.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.live.client.ConnectionState;
import dev.live.client.LiveClient;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.Status;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.Task_;
import dev.live.query.ListQuery;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two clients follow one query (one node in the engine, shared), and one of them loses its
 * connection: at the worst moments (its snapshot or its resume on the way to it) and at random
 * points of the subscribe. The script {@code ClientConvergenceTest} once failed on, with no write
 * at all: whatever the interleaving, both results must come to equal the database.
 */
class SharedSubscribeDropTest extends ClientTestBase {
  private static final Duration SETTLE = Duration.ofSeconds(15);
  private static final List<ListQuery<?, ?>> QUERIES = List.of(
      TaskQuery.where(Task_.boardId.eq("b1")).orderBy(Task_.position.asc()),
      TaskQuery.where(Task_.status.ne(Status.DONE)).orderBy(Task_.position.asc(), Task_.id.asc()).limit(3),
      TaskQuery.where(Task_.boardId.eq("b2")).orderBy(Task_.title.asc()).include(Task_.assignee, Task_.comments),
      TaskQuery.all().orderBy(Task_.id.desc()));

  private final List<AutoCloseable> opened = new ArrayList<>();

  @Test
  void subscriberDroppedJustBeforeItsSnapshotOfASharedQueryGetsItAfterReconnecting() throws IOException {
    ListQuery<?, ?> query = QUERIES.get(2);
    Side first = side("first");
    Side second = side("second");
    Results<Object> firstResults = first.subscribe(query);
    firstResults.await("the first subscriber's result", result -> true);
    second.proxy.dropWhenServerSends("\"type\":\"snapshot\"");
    Results<Object> secondResults = second.subscribe(query);
    second.proxy.awaitTriggered(SETTLE);
    awaitEqualToDatabase(query, firstResults, secondResults);
  }

  @Test
  void subscriberDroppedJustBeforeItsResumeOfASharedQueryResumesOnTheNextConnection() throws IOException {
    ListQuery<?, ?> query = QUERIES.get(0);
    Side first = side("first");
    Side second = side("second");
    Results<Object> firstResults = first.subscribe(query);
    Results<Object> secondResults = second.subscribe(query);
    awaitEqualToDatabase(query, firstResults, secondResults);
    second.proxy.dropWhenServerSends("\"type\":\"resumed\"");
    second.proxy.dropAll();
    second.proxy.awaitTriggered(SETTLE);
    await().atMost(SETTLE).until(() -> second.client.stats().resumes() >= 1);
    awaitEqualToDatabase(query, firstResults, secondResults);
  }

  /**
   * Both subscribe to one query and one of them is dropped after a random pause of up to a few
   * milliseconds: before its subscribe reached the server, while the node is read, once it is
   * shared. Seeded, so that a failing round can be run again.
   */
  @Test
  void eitherSubscriberOfASharedQueryDroppedAtAnyPointOfTheSubscribeConverges() throws IOException {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int round = 0; round < 24; round++) {
      ListQuery<?, ?> query = QUERIES.get(round % QUERIES.size());
      Side first = side("a" + round);
      Side second = side("b" + round);
      Results<Object> firstResults = first.subscribe(query);
      Results<Object> secondResults = second.subscribe(query);
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(4_000)));
      (random.nextBoolean() ? first : second).proxy.dropAll();
      int at = round;
      await().alias("round " + at + " of seed " + seed).atMost(SETTLE).untilAsserted(() ->
          assertEqual(query, firstResults, secondResults));
      first.close();
      second.close();
    }
  }

  /**
   * One subscriber is dropped, and its new connection is reset just after the upgrade, before its
   * hello: the client must notice (the JDK may report that end before the client knows the
   * connection is open, or not at all) and connect again, rather than wait for a welcome forever
   * with its subscription never answered. A race in the JDK's threads decides which way it goes,
   * hence a few rounds.
   */
  @Test
  void subscriberWhoseNewConnectionIsResetJustAfterTheUpgradeConnectsAgainAndConverges() throws IOException {
    for (int round = 0; round < 6; round++) {
      ListQuery<?, ?> query = QUERIES.get(round % QUERIES.size());
      Side first = side("upgraded-a" + round);
      Side second = side("upgraded-b" + round);
      Results<Object> firstResults = first.subscribe(query);
      Results<Object> secondResults = second.subscribe(query);
      second.proxy.dropJustAfterServerSends("HTTP/1.1 101");
      second.proxy.dropAll();
      second.proxy.awaitTriggered(SETTLE);
      int at = round;
      await().alias("round " + at).atMost(SETTLE).untilAsserted(() -> {
        assertEqual(query, firstResults, secondResults);
        assertThat(second.client.state()).isEqualTo(ConnectionState.OPEN);
      });
      first.close();
      second.close();
    }
  }

  private void awaitEqualToDatabase(ListQuery<?, ?> query, Results<Object> a, Results<Object> b) {
    await().atMost(SETTLE).untilAsserted(() -> assertEqual(query, a, b));
  }

  private void assertEqual(ListQuery<?, ?> query, Results<Object> a, Results<Object> b) {
    List<?> fresh = store.list(query);
    assertThat(a.latest()).as("a first result").isNotNull();
    assertThat(b.latest()).as("a first result").isNotNull();
    assertThat(a.latest().rows()).isEqualTo(fresh);
    assertThat(b.latest().rows()).isEqualTo(fresh);
  }

  /** A client behind a proxy of its own, so that dropping it leaves the other alone. */
  private Side side(String clientId) throws IOException {
    FaultProxy proxy = FaultProxy.start(server.port());
    LiveClient client = LiveClient.connect(URI.create("ws://127.0.0.1:" + proxy.port() + "/live"), AppSchema.INSTANCE,
        options().clientId(clientId).build());
    Side side = new Side(proxy, client);
    opened.add(side);
    return side;
  }

  private record Side(FaultProxy proxy, LiveClient client) implements AutoCloseable {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Results<Object> subscribe(ListQuery<?, ?> query) {
      Results results = new Results<>();
      client.query((ListQuery) query).subscribe(results);
      return results;
    }

    @Override
    public void close() {
      client.close();
      proxy.close();
    }
  }

  @AfterEach
  void closeSides() throws Exception {
    for (AutoCloseable side : opened) {
      side.close();
    }
  }
}

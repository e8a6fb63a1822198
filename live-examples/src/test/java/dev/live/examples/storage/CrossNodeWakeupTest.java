package dev.live.examples.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.live.examples.board.AppSchema;
import dev.live.examples.board.Team;
import dev.live.examples.board.TeamInsert;
import dev.live.storage.Change;
import dev.live.storage.ChangeTail;
import dev.live.storage.Database;
import dev.live.storage.Store;
import dev.live.storage.StoreOptions;
import dev.live.storage.WakeupStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two nodes on one PostgreSQL database: a commit on one wakes the change tails of the other by
 * NOTIFY. Each node is a {@link Store} on a {@link Database} of its own, with a pool of its own,
 * as two processes would have; both reach the database through {@link JdbcFaults}, so that a test
 * can hold or fail a statement of the wake-ups. The tails poll once a minute, so only a wake-up
 * explains a delivery within seconds. Skipped without PostgreSQL, except in CI (see {@link Backend}).
 */
class CrossNodeWakeupTest {
  private static final Duration POLL = Duration.ofMinutes(1);
  /** Well before the poll: a delivery within it was woken, not polled for. */
  private static final Duration WELL_BEFORE_THE_POLL = Duration.ofSeconds(5);
  private static final Instant T0 = Instant.parse("2026-12-08T09:00:00Z");

  private final JdbcFaults faults = new JdbcFaults();
  private TestDatabase database;
  private Database secondDatabase;
  private Store nodeA;
  private Store nodeB;
  private final List<Change> seenOnA = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void openTwoNodes() {
    database = Backend.POSTGRESQL.create(faults);
    PGSimpleDataSource second = new PGSimpleDataSource();
    second.setURL(database.jdbcUrl());
    second.setUser(database.user());
    second.setPassword(database.password());
    secondDatabase = Database.postgres(faults.wrap(second));
    StoreOptions slowPoll = StoreOptions.builder().tailPollInterval(POLL).build();
    nodeA = Store.open(database.database(), AppSchema.INSTANCE, slowPoll);
    nodeB = Store.open(secondDatabase, AppSchema.INSTANCE, slowPoll);
  }

  @AfterEach
  void closeNodes() {
    for (AutoCloseable closeable : new AutoCloseable[] {nodeA, nodeB, secondDatabase, database}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void aCommitOnOneNodeWakesTheTailsOfAnotherWellBeforeTheirPoll() {
    try (ChangeTail tail = tailOnA()) {
      awaitListening(nodeA, 1);
      nodeB.insert(team("b1"));
      await().atMost(WELL_BEFORE_THE_POLL).until(() -> ids(seenOnA).contains("b1"));
      await("node B told of its commit").atMost(Duration.ofSeconds(5)).until(() -> stats(nodeB).notifiesSent() >= 1);
      assertThat(stats(nodeA).notificationsReceived()).as("node A heard of it").isGreaterThanOrEqualTo(1);
      assertThat(stats(nodeA).channel()).isEqualTo(stats(nodeB).channel()).startsWith("live_changes:live_t");
    }
  }

  @Test
  void aListenerCutOffByTheDatabaseListensAgainAndMissesNothingCommittedMeanwhile() throws Exception {
    try (ChangeTail tail = tailOnA()) {
      awaitListening(nodeA, 1);
      String listener = stats(nodeA).listenerName();
      // Its reconnection names itself first: held there, node A is certainly not listening.
      JdbcFaults.Hold reconnecting = faults.hold(listener);
      terminate(listener);
      reconnecting.awaitReached(Duration.ofSeconds(10));
      assertThat(stats(nodeA).listening()).isFalse();
      long sent = stats(nodeB).notifiesSent();
      nodeB.insert(team("while-down"));
      // Its NOTIFY is gone before A listens again: no one was listening for it.
      await().atMost(Duration.ofSeconds(5)).until(() -> stats(nodeB).notifiesSent() > sent);
      reconnecting.release();
      await("the commit made while nobody listened is read once A listens again").atMost(WELL_BEFORE_THE_POLL)
          .until(() -> ids(seenOnA).contains("while-down"));
      awaitListening(nodeA, 2);
      nodeB.insert(team("after"));
      await("wake-ups work again after the reconnection").atMost(WELL_BEFORE_THE_POLL)
          .until(() -> ids(seenOnA).contains("after"));
      assertThat(ids(seenOnA)).containsExactly("while-down", "after");
    }
  }

  @Test
  void aBurstOfCommitsCostsTheNotifyInFlightAndOneMoreCarryingTheLatestVersion() throws Exception {
    String channel = stats(nodeB).channel();
    try (Connection counter = database.connect()) {
      try (Statement statement = counter.createStatement()) {
        statement.execute("LISTEN \"" + channel + "\"");
      }
      JdbcFaults.Hold inFlight = faults.hold(channel); // the first NOTIFY binds the channel's name
      nodeB.insert(team("c0"));
      long first = nodeB.changes().latestVersion();
      inFlight.awaitReached(Duration.ofSeconds(10));
      for (int i = 1; i <= 20; i++) {
        nodeB.insert(team("c" + i)); // each returns although the NOTIFY before it is stuck
      }
      long latest = nodeB.changes().latestVersion();
      inFlight.release();
      List<String> payloads = new ArrayList<>();
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        payloads.addAll(notifications(counter, channel));
        return payloads.size() >= 2;
      });
      assertThat(payloads).containsExactly(Long.toString(first), Long.toString(latest));
      assertThat(stats(nodeB).notifiesSent()).isEqualTo(2);
      assertThat(notifications(counter, channel)).as("nothing after the coalesced NOTIFY").isEmpty();
    }
  }

  @Test
  void aNotifyThatFailsNeitherFailsItsCommitNorLosesTheWakeUp() {
    try (ChangeTail tail = tailOnA()) {
      awaitListening(nodeA, 1);
      String channel = stats(nodeB).channel();
      faults.failStatement(channel, "08006");
      Team written = nodeB.insert(team("f1"));
      assertThat(written.id()).as("the commit stands").isEqualTo("f1");
      await("the NOTIFY is sent again on a new connection").atMost(WELL_BEFORE_THE_POLL)
          .until(() -> ids(seenOnA).contains("f1"));
      assertThat(faults.fired()).contains("statement " + channel + " 08006");
      assertThat(stats(nodeB).notifyFailures()).isEqualTo(1);
    }
  }

  @Test
  void aNotifierConnectionTheDatabaseEndedIsReplacedWithoutFailingCommits() throws Exception {
    try (ChangeTail tail = tailOnA()) {
      awaitListening(nodeA, 1);
      nodeB.insert(team("n1"));
      await().atMost(WELL_BEFORE_THE_POLL).until(() -> ids(seenOnA).contains("n1"));
      await().atMost(Duration.ofSeconds(5)).until(() -> stats(nodeB).notifiesSent() >= 1);
      terminate(stats(nodeB).notifierName());
      Team written = nodeB.insert(team("n2"));
      assertThat(written.id()).isEqualTo("n2");
      await().atMost(WELL_BEFORE_THE_POLL).until(() -> ids(seenOnA).contains("n2"));
      assertThat(stats(nodeB).notifyFailures()).as("the NOTIFY on the ended connection failed").isEqualTo(1);
    }
  }

  @Test
  void closingAStoreStopsItsWakeUpThreadsAndClosesTheirConnections() throws Exception {
    tailOnA();
    nodeA.insert(team("a1"));
    awaitListening(nodeA, 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> stats(nodeA).notifiesSent() >= 1);
    WakeupStats stats = stats(nodeA);
    String node = stats.listenerName().split(" ")[1];
    assertThat(threadsOf(node)).containsExactlyInAnyOrder("live-change-listener-" + node,
        "live-change-notifier-" + node);
    assertThat(sessionsNamed(stats.listenerName(), stats.notifierName())).isEqualTo(2);

    nodeA.close();

    assertThat(threadsOf(node)).as("close waits for the threads to end").isEmpty();
    await().atMost(Duration.ofSeconds(10)).until(() -> sessionsNamed(stats.listenerName(), stats.notifierName()) == 0);
  }

  @Test
  void withWakeUpsOffOtherNodesCommitsAreSeenAtThePoll() {
    try (Store quiet = Store.open(secondDatabase, AppSchema.INSTANCE,
        StoreOptions.builder().tailPollInterval(Duration.ofMillis(200)).crossNodeWakeups(false).build());
        ChangeTail tail = quiet.changes().tail(quiet.changes().latestVersion(), seenOnA::addAll)) {
      assertThat(quiet.changes().wakeups()).isEmpty();
      nodeB.insert(team("polled"));
      await().atMost(WELL_BEFORE_THE_POLL).until(() -> ids(seenOnA).contains("polled"));
    }
  }

  @Test
  void aControlMessageReachesEveryNodeAndAnErrorEndingTheListenerReachesTheTailsErrorHandler() {
    List<String> heardOnA = Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.CompletableFuture<Throwable> tailError = new java.util.concurrent.CompletableFuture<>();
    nodeA.changes().onControl(text -> {
      heardOnA.add(text);
      if (text.equals("die")) {
        throw new OutOfMemoryError("in the control handler"); // what a server counts as fatal
      }
    });
    try (ChangeTail tail = nodeA.changes().tail(nodeA.changes().latestVersion(), seenOnA::addAll,
        tailError::complete)) {
      awaitListening(nodeA, 1);
      assertThat(nodeB.changes().sendControl("hello A")).isTrue();
      await().atMost(WELL_BEFORE_THE_POLL).until(() -> heardOnA.contains("hello A"));

      assertThat(nodeB.changes().sendControl("die")).isTrue();
      // The listener ends, and says so where the tail's own end would go: a server stops on it
      // rather than go on without the wake-ups and control messages it counts on.
      assertThat(tailError).succeedsWithin(WELL_BEFORE_THE_POLL)
          .isInstanceOf(OutOfMemoryError.class);
      await().atMost(WELL_BEFORE_THE_POLL).until(() -> !stats(nodeA).listening());
    }
  }

  private ChangeTail tailOnA() {
    return nodeA.changes().tail(nodeA.changes().latestVersion(), seenOnA::addAll);
  }

  private static WakeupStats stats(Store store) {
    return store.changes().wakeups().orElseThrow();
  }

  private static void awaitListening(Store store, long listens) {
    await().atMost(Duration.ofSeconds(10)).until(() -> stats(store).listening() && stats(store).listens() == listens);
  }

  private static List<Object> ids(List<Change> changes) {
    synchronized (changes) {
      return changes.stream().map(Change::id).toList();
    }
  }

  private static List<String> notifications(Connection connection, String channel) throws SQLException {
    PGNotification[] got = connection.unwrap(PGConnection.class).getNotifications(100);
    List<String> payloads = new ArrayList<>();
    if (got != null) {
      for (PGNotification notification : got) {
        if (notification.getName().equals(channel)) {
          payloads.add(notification.getParameter());
        }
      }
    }
    return payloads;
  }

  /** Ends the session named {@code applicationName} as an operator would, and waits until it is gone. */
  private void terminate(String applicationName) throws SQLException {
    try (Connection admin = database.connect();
        PreparedStatement terminate = admin.prepareStatement(
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = ?")) {
      terminate.setString(1, applicationName);
      try (ResultSet ended = terminate.executeQuery()) {
        assertThat(ended.next()).as("a session named %s", applicationName).isTrue();
        assertThat(ended.getBoolean(1)).as("%s ended", applicationName).isTrue();
      }
    }
  }

  private int sessionsNamed(String... names) throws SQLException {
    try (Connection admin = database.connect();
        PreparedStatement count = admin.prepareStatement(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = ANY (?)")) {
      count.setArray(1, admin.createArrayOf("text", names));
      try (ResultSet result = count.executeQuery()) {
        result.next();
        return result.getInt(1);
      }
    }
  }

  /** The names of live threads that contain {@code part}. */
  private static List<String> threadsOf(String part) {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(name -> name.contains(part)).toList();
  }

  private static TeamInsert team(String id) {
    return TeamInsert.of(new Team(id, "team " + id, T0));
  }
}

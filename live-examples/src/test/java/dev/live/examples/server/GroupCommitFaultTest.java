package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.Rules;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.JdbcFaults;
import dev.live.examples.storage.TestDatabase;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import dev.live.storage.Change;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The failure paths of the group commit, driven by faults injected at the JDBC boundary
 * ({@link JdbcFaults}): a member whose statement meets a serialization failure runs again alone
 * while the rest of its group commits; a group whose commit fails answers each member for what it
 * is (refused for its own reason, a duplicate of an earlier commit, or failed and safe to send
 * again); a group whose commit conflicts runs again whole. In each case every mutation takes
 * effect exactly once, subscribers receive an unbroken run of deltas, and later groups work.
 *
 * <p>To compose a group on purpose, each test first occupies every committer with a mutation
 * held before its insert (one on H2, where groups commit one at a time; two on PostgreSQL), then
 * sends the members and waits until the server holds them all, waiting for the next group.
 */
class GroupCommitFaultTest extends ServerTestBase {
  private static final String BOARD = "{'collection':'tasks','where':{'op':'eq','field':'boardId','value':'b3'}}";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final JdbcFaults faults = new JdbcFaults();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<JdbcFaults.Hold> holds = new ArrayList<>();
  private WsClient watcher;
  private long start;

  @Override
  TestDatabase createDatabase() {
    return backend.create(faults);
  }

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    // No retention: no rejection remembered from a first attempt stands in for the group's own
    // answer to a second (RecentRejections keeps them only so long, and only so many).
    return builder.rules(Rules.none()).metrics(registry).options(ServerOptions.builder()
        .messagesPerSecond(10_000).messageBurst(10_000).resumeRetention(Duration.ZERO).build());
  }

  @BeforeEach
  void watch() {
    watcher = client("watcher");
    watcher.subscribe("s", json(BOARD));
    start = store.changes().latestVersion();
  }

  @Test
  void memberThatConflictsRunsAgainAloneWhileTheRestOfItsGroupCommits() {
    WsClient x = client("x");
    WsClient y = client("y");
    WsClient z = client("z");
    occupyCommitters();
    faults.failStatement("gx1", "40001");
    send(x, 1, "gx1");
    send(y, 1, "gy1");
    send(z, 1, "gz1");
    releaseOnceWaiting(3);

    JsonNode ax = ack(x, 1);
    JsonNode ay = ack(y, 1);
    JsonNode az = ack(z, 1);
    for (JsonNode ack : List.of(ax, ay, az)) {
      assertThat(ack.path("status").asText()).as("ack %s", ack).isEqualTo("applied");
    }
    assertThat(faults.fired()).as("the injected serialization failure").contains("statement gx1 40001");
    assertThat(ax.path("version").asLong()).as("the conflicted member commits alone, after its group")
        .isGreaterThan(ay.path("version").asLong()).isGreaterThan(az.path("version").asLong());
    assertThat(ay.path("version").asLong()).as("each ack names its own change").isNotEqualTo(az.path("version").asLong());
    // Awaited: a holder's group commits on another committer, and may count itself after these acks.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(groups())
        .as("the holders' groups and one more: the conflicted member's own run is not a group")
        .isEqualTo(committers() + 1));
    assertExactlyOnce(List.of("gx1", "gy1", "gz1"));
    assertRecorded("x", 1);
    assertRecorded("y", 1);
    assertRecorded("z", 1);

    laterGroupsWork(List.of(x, y, z), 2, List.of("gx1", "gy1", "gz1"));
  }

  @Test
  void groupWhoseCommitFailsRejectsItsMembersKeepsDuplicatesAndTheirRetriesApplyOnce() {
    WsClient x = client("x");
    WsClient y = client("y");
    WsClient d = client("d");
    WsClient r = client("r");
    send(d, 1, "gd1");
    assertThat(ack(d, 1).path("status").asText()).isEqualTo("applied");
    occupyCommitters();
    faults.failCommit("gx1", "08006");
    send(x, 1, "gx1");
    send(y, 1, "gy1");
    send(d, 1, "gd1"); // sent again: its ack was lost, say
    r.send(WsClient.mutation("m1", 1, "insert", "tasks", null, json(task("t1", "b3", "TODO", 9))));
    releaseOnceWaiting(4);

    assertRejected(ack(x, 1), "STORAGE_FAILED");
    assertRejected(ack(y, 1), "STORAGE_FAILED");
    JsonNode duplicate = ack(d, 1);
    assertThat(duplicate.path("status").asText()).as("an earlier commit applied it: %s", duplicate).isEqualTo("duplicate");
    assertRejected(ack(r, 1), "ALREADY_EXISTS");
    assertThat(faults.fired()).contains("commit gx1 08006");
    assertThat(fresh(json(BOARD))).extracting(row -> row.path("id").asText()).doesNotContain("gx1", "gy1");
    assertRecorded("x", 0);
    assertRecorded("y", 0);
    assertRecorded("r", 0);
    assertRecorded("d", 1);

    // The clients send them again, with the same seq: now they apply, once.
    send(x, 1, "gx1");
    assertThat(ack(x, 1).path("status").asText()).isEqualTo("applied");
    send(y, 1, "gy1");
    assertThat(ack(y, 1).path("status").asText()).isEqualTo("applied");
    send(d, 1, "gd1");
    assertThat(ack(d, 1).path("status").asText()).isEqualTo("duplicate");
    assertExactlyOnce(List.of("gd1", "gx1", "gy1"));
    assertRecorded("x", 1);
    assertRecorded("y", 1);

    laterGroupsWork(List.of(x, y), 2, List.of("gd1", "gx1", "gy1"));
  }

  @Test
  void groupWhoseCommitConflictsRunsAgainWholeAndAppliesEachMemberOnce() {
    WsClient x = client("x");
    WsClient y = client("y");
    occupyCommitters();
    faults.failCommit("gx1", "40001");
    send(x, 1, "gx1");
    send(y, 1, "gy1");
    releaseOnceWaiting(2);

    JsonNode ax = ack(x, 1);
    JsonNode ay = ack(y, 1);
    assertThat(ax.path("status").asText()).as("ack %s", ax).isEqualTo("applied");
    assertThat(ay.path("status").asText()).as("ack %s", ay).isEqualTo("applied");
    assertThat(faults.fired()).contains("commit gx1 40001");
    assertExactlyOnce(List.of("gx1", "gy1"));
    assertRecorded("x", 1);
    assertRecorded("y", 1);

    laterGroupsWork(List.of(x, y), 2, List.of("gx1", "gy1"));
  }

  /**
   * A client that reconnects while its mutation still waits for a group sends it again on the new
   * connection; when the takeover's wait for the old connection runs out, both land in one group,
   * where the second reads as a duplicate of the first. If that group then fails, the second is
   * no duplicate of anything: it must not be acknowledged as applied (the client would drop a
   * write that never happened).
   */
  @Test
  void retryInTheSameFailedGroupAsItsFirstAttemptIsNotTakenForADuplicate() {
    WsClient first = client("twin");
    occupyCommitters();
    faults.failCommit("gt1", "08006");
    send(first, 1, "gt1");
    awaitWaiting(1);
    WsClient second = rawClient();
    // The server takes the client over from its first connection and waits (a few seconds) for
    // that connection's request to finish, which it cannot while the group waits: so no welcome yet.
    second.send("{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1,\"clientId\":\"twin\"}");
    await().atMost(WAIT).until(() -> second.received().stream().anyMatch(m -> m.path("id").asText().equals("h")));
    send(second, 1, "gt1");
    releaseOnceWaiting(2);

    JsonNode retried = ack(second, 1);
    assertThat(retried.path("status").asText()).as("nothing was applied: %s", retried).isEqualTo("rejected");
    assertThat(faults.fired()).contains("commit gt1 08006");
    assertRecorded("twin", 0);

    send(second, 1, "gt1");
    assertThat(ack(second, 1).path("status").asText()).isEqualTo("applied");
    assertExactlyOnce(List.of("gt1"));
    assertRecorded("twin", 1);
  }

  /** Takes every committer with a mutation held before its insert, and waits until each is held. */
  private void occupyCommitters() {
    for (int i = 0; i < committers(); i++) {
      String id = "gh" + i;
      JdbcFaults.Hold hold = faults.hold(id);
      holds.add(hold);
      send(client("holder" + i), 1, id);
      hold.awaitReached(WAIT);
    }
  }

  /** Groups commit one at a time on H2, two at a time on PostgreSQL (see GroupCommit.MAX_RUNNING). */
  private int committers() {
    return backend == Backend.H2 ? 1 : 2;
  }

  /** Once {@code count} mutations wait for the next group, lets the held ones go on. */
  private void releaseOnceWaiting(int count) {
    awaitWaiting(count);
    holds.forEach(JdbcFaults.Hold::release);
  }

  private void awaitWaiting(int count) {
    await().atMost(WAIT).until(() -> registry.get("live.mutations.waiting").gauge().value() == count);
  }

  private double groups() {
    return registry.get("live.mutation.groups").functionCounter().count();
  }

  private static void send(WsClient client, long seq, String taskId) {
    client.send(WsClient.mutation("m" + seq, seq, "insert", "tasks", null, json(task(taskId, "b3", "TODO", 1))));
  }

  private static JsonNode ack(WsClient client, long seq) {
    return client.next(message -> message.path("id").asText().equals("m" + seq)
        && !message.path("type").asText().equals("delta"));
  }

  private static void assertRejected(JsonNode ack, String code) {
    assertThat(ack.path("status").asText()).as("ack %s", ack).isEqualTo("rejected");
    assertThat(ack.path("error").path("code").asText()).as("ack %s", ack).isEqualTo(code);
  }

  private void assertRecorded(String clientId, long seq) {
    assertThat(store.lastMutation("a:" + clientId)).as("live_clients' last seq of %s", clientId).isEqualTo(seq);
  }

  /**
   * Each of {@code ids} was inserted once in the change log, whose versions since the test began
   * rise without repeating; the rows are stored; and the watcher's result, replayed from its
   * snapshot and deltas (each starting where the last ended), equals a fresh query.
   */
  private void assertExactlyOnce(List<String> ids) {
    List<Change> changes = store.changes().readAfter(start, 1000);
    long previous = start;
    for (Change change : changes) {
      assertThat(change.version()).as("versions rise: %s", changes).isGreaterThan(previous);
      previous = change.version();
    }
    for (String id : ids) {
      assertThat(changes).as("inserts of %s", id)
          .filteredOn(change -> change.id().equals(id) && change.operation() == Change.Operation.INSERT).hasSize(1);
    }
    List<JsonNode> fresh = fresh(json(BOARD));
    assertThat(fresh).extracting(row -> row.path("id").asText()).containsAll(ids).doesNotHaveDuplicates();
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(ReplayedResult.of(watcher, "s").rows()).as("the watcher's result").isEqualTo(fresh));
  }

  /** Each client's next mutation is applied, in a group of its own time, and the watcher sees it. */
  private void laterGroupsWork(List<WsClient> clients, long seq, List<String> earlier) {
    List<String> ids = new ArrayList<>(earlier);
    for (int i = 0; i < clients.size(); i++) {
      String id = "later" + i;
      send(clients.get(i), seq, id);
      ids.add(id);
    }
    for (WsClient client : clients) {
      JsonNode ack = ack(client, seq);
      assertThat(ack.path("status").asText()).as("ack %s", ack).isEqualTo("applied");
    }
    assertExactlyOnce(ids);
  }
}

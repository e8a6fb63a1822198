package dev.live.examples.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.live.client.ClientStats;
import dev.live.client.ConnectionState;
import dev.live.client.LiveClient;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.storage.Change;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Dropped connections, through the {@link FaultProxy}: a mutation takes effect exactly once and
 * its future completes once, whether the connection dropped before the server got it or after
 * it committed but before the ack arrived; subscriptions resume with the deltas they missed;
 * a dead connection is found by the heartbeat; mutations made offline apply in order.
 */
class ReconnectTest extends ClientTestBase {
  @Test
  void aMutationLostBeforeReachingTheServerIsSentAgainAndAppliedOnce() {
    LiveClient client = client("before-ack");
    long start = server.store().changes().latestVersion();
    proxy.blackhole(true); // the mutation goes nowhere
    AtomicInteger completions = new AtomicInteger();
    CompletableFuture<Task> insert = client.insert(newTask("x1", "b1", 200));
    insert.whenComplete((task, error) -> completions.incrementAndGet());
    proxy.dropAll();
    proxy.blackhole(false);

    Task stored = insert.join();
    assertThat(stored.id()).isEqualTo("x1");
    assertThat(changesOf("x1", start)).as("changes to x1").hasSize(1);
    await().atMost(WAIT).until(() -> client.pendingMutations() == 0);
    assertThat(completions.get()).isEqualTo(1);
  }

  @Test
  void aMutationWhoseAckWasLostAfterCommitIsNotAppliedAgain() {
    LiveClient client = client("after-commit");
    long start = server.store().changes().latestVersion();
    proxy.dropWhenServerSends("\"type\":\"ack\"");
    AtomicInteger completions = new AtomicInteger();
    CompletableFuture<Task> update = client.update(Task_.COLLECTION, "t1", TaskUpdate.of().title("Exactly once"));
    update.whenComplete((task, error) -> completions.incrementAndGet());
    proxy.awaitTriggered(WAIT);

    Task stored = update.join();
    assertThat(stored.title()).isEqualTo("Exactly once");
    assertThat(changesOf("t1", start)).as("the update committed once").hasSize(1);
    assertThat(client.stats().connections()).as("it reconnected").isGreaterThanOrEqualTo(2);
    assertThat(completions.get()).isEqualTo(1);
  }

  @Test
  void aShortDisconnectResumesWithTheMissedDeltasAndNoNewSnapshot() {
    LiveClient client = client("resumer");
    Results<Task> results = new Results<>();
    client.query(boardTasks("b1")).subscribe(results);
    results.await("first result", result -> !result.rows().isEmpty());
    long snapshots = client.stats().snapshots();

    proxy.refuse(true);
    proxy.dropAll();
    await().atMost(WAIT).until(() -> client.state() == ConnectionState.RECONNECTING);
    LiveClient other = direct("other");
    other.insert(newTask("x2", "b1", 201)).join();
    other.update(Task_.COLLECTION, "t1", TaskUpdate.of().title("Changed while away")).join();
    proxy.refuse(false);

    List<Task> fresh = freshTasks("b1");
    results.awaitLatest("the result equals a fresh query", result -> result.rows().equals(fresh));
    ClientStats stats = client.stats();
    assertThat(stats.resumes()).as("resumed").isGreaterThanOrEqualTo(1);
    assertThat(stats.snapshots()).as("no snapshot re-sent").isEqualTo(snapshots);
  }

  @Test
  void aDeadConnectionIsFoundByTheHeartbeatAndReplaced() {
    LiveClient client = client("heartbeat");
    Results<Task> results = new Results<>();
    client.query(boardTasks("b1")).subscribe(results);
    results.await("first result", result -> !result.rows().isEmpty());
    proxy.blackhole(true); // open, but nothing gets through either way
    await().atMost(WAIT).until(() -> client.state() == ConnectionState.RECONNECTING);
    proxy.blackhole(false);
    direct("other").insert(newTask("x3", "b1", 202)).join();
    List<Task> fresh = freshTasks("b1");
    results.awaitLatest("the result equals a fresh query", result -> result.rows().equals(fresh));
    assertThat(client.state()).isEqualTo(ConnectionState.OPEN);
  }

  @Test
  void mutationsMadeWhileTheServerIsUnreachableApplyInOrderOnceItIsBack() {
    LiveClient client = client("offline");
    proxy.refuse(true);
    proxy.dropAll();
    await().atMost(WAIT).until(() -> client.state() == ConnectionState.RECONNECTING);
    Results<Task> results = new Results<>();
    client.query(TaskQuery.all().one("t2")).subscribe(results);
    List<CompletableFuture<Task>> updates = new java.util.ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      updates.add(client.update(Task_.COLLECTION, "t2", TaskUpdate.of().title("offline " + i)));
    }
    assertThat(client.pendingMutations()).isEqualTo(5);
    proxy.refuse(false);

    CompletableFuture.allOf(updates.toArray(CompletableFuture[]::new)).join();
    assertThat(direct("check").query(TaskQuery.all().one("t2")).get().join())
        .hasValueSatisfying(task -> assertThat(task.title()).isEqualTo("offline 5"));
    results.awaitLatest("the last title shows, confirmed", result -> !result.hasPending()
        && result.first().map(task -> task.title().equals("offline 5")).orElse(false));
  }

  @Test
  void anUnreachableServerAtStartLeavesTheClientConnectingWithQueuedMutations() {
    proxy.refuse(true);
    LiveClient client = track(LiveClient.start(java.net.URI.create("ws://127.0.0.1:" + proxy.port() + "/live"),
        dev.live.examples.board.AppSchema.INSTANCE, options().clientId("late-start").build()));
    CompletableFuture<Task> insert = client.insert(newTask("x4", "b1", 203));
    await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> client.state() == ConnectionState.CONNECTING);
    assertThat(insert).isNotDone();
    proxy.refuse(false);
    assertThat(insert.join().id()).isEqualTo("x4");
    assertThat(client.state()).isEqualTo(ConnectionState.OPEN);
  }

  private List<Change> changesOf(String id, long since) {
    return server.store().changes().readAfter(since, 1000).stream()
        .filter(change -> change.id().equals(id)).toList();
  }
}

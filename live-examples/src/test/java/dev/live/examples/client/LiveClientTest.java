package dev.live.examples.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.live.client.ConnectionState;
import dev.live.client.LiveClient;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.examples.board.Status;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TaskRow;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.subscription.QueryResult;
import dev.live.subscription.Subscription;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The Java client against a real server: typed subscriptions, one-shot reads, mutations and their futures. */
class LiveClientTest extends ClientTestBase {
  @Test
  void aSubscriptionGetsTypedRowsAndFollowsAnotherClientsChanges() {
    LiveClient client = client("reader");
    Results<Task> results = new Results<>();
    client.query(boardTasks("b1")).subscribe(results);
    results.await("first result", result -> !result.rows().isEmpty());
    assertThat(results.latest().rows()).isEqualTo(freshTasks("b1"));

    LiveClient other = direct("writer");
    other.insert(newTask("n1", "b1", 100)).join();
    other.update(Task_.COLLECTION, "n1", TaskUpdate.of().title("renamed")).join();
    results.awaitLatest("the other client's insert and update", result ->
        result.rows().stream().anyMatch(task -> task.id().equals("n1") && task.title().equals("renamed")));
    assertThat(results.latest().rows()).isEqualTo(freshTasks("b1"));
    assertThat(results.latest().hasPending()).isFalse();
  }

  @Test
  void includedRowsAreTypedAndFollowChangesOfTheRelatedRow() {
    LiveClient client = client("includer");
    Results<TaskRow> results = new Results<>();
    client.query(TaskQuery.where(Task_.id.eq("t1")).include(Task_.assignee)).subscribe(results);
    QueryResult<TaskRow> first = results.await("first result", result -> result.rows().size() == 1);
    String assignee = first.rows().get(0).value().assigneeId();
    assertThat(assignee).as("seed data: t1 has an assignee").isNotNull();
    assertThat(first.rows().get(0).assignee()).hasValueSatisfying(user -> assertThat(user.value().id()).isEqualTo(assignee));

    direct("writer").update(dev.live.examples.board.User_.COLLECTION, assignee,
        dev.live.examples.board.UserUpdate.of().name("Renamed User")).join();
    results.awaitLatest("the included user renamed", result ->
        result.rows().get(0).assignee().map(user -> user.value().name().equals("Renamed User")).orElse(false));
  }

  @Test
  void getReadsOnceAndSingleQueriesGiveAnOptional() {
    LiveClient client = client("once");
    assertThat(client.query(boardTasks("b1")).get().join()).isEqualTo(freshTasks("b1"));
    assertThat(client.query(TaskQuery.all().one("t1")).get().join()).hasValueSatisfying(task -> assertThat(task.id()).isEqualTo("t1"));
    assertThat(client.query(TaskQuery.all().one("nope")).get().join()).isEmpty();
  }

  @Test
  void mutationsCompleteWithTheServersRowsAndRejectionsCarryTheirCode() {
    LiveClient client = client("writer-1");
    Task inserted = client.insert(newTask("n2", "b1", 101)).join();
    assertThat(inserted.id()).isEqualTo("n2");
    Task updated = client.update(Task_.COLLECTION, "n2", TaskUpdate.of().status(Status.DOING)).join();
    assertThat(updated.status()).isEqualTo(Status.DOING);
    assertThat(updated.title()).isEqualTo("Task n2");
    client.delete(Task_.COLLECTION, "n2").join();
    assertThat(client.query(TaskQuery.all().one("n2")).get().join()).isEmpty();

    assertThatThrownBy(() -> client.insert(newTask("t1", "b1", 1)).join())
        .isInstanceOf(CompletionException.class)
        .cause().isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    assertThatThrownBy(() -> client.update(Task_.COLLECTION, "missing", TaskUpdate.of().title("x")).join())
        .cause().isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void aListenerIsNotCalledAgainWhenNothingItShowsChanged() {
    LiveClient client = client("quiet");
    Results<Task> results = new Results<>();
    Subscription subscription = client.query(boardTasks("b1")).subscribe(results);
    results.await("first result", result -> !result.rows().isEmpty());
    LiveClient other = direct("elsewhere");
    other.insert(newTask("n3", "b2", 102)).join(); // another board: not in this result
    other.insert(newTask("n4", "b1", 103)).join(); // in it: the one change the listener hears of
    results.awaitLatest("n4 arrived", result -> result.rows().stream().anyMatch(task -> task.id().equals("n4")));
    assertThat(results.all()).as("results: the first, then the one with n4").hasSize(2);
    subscription.close();
    other.insert(newTask("n5", "b1", 104)).join();
    assertThat(freshTasks("b1")).extracting(Task::id).contains("n5");
    assertThat(results.all()).as("nothing after close").hasSize(2);
  }

  @Test
  void connectOpensOneConnection() {
    LiveClient client = client("single");
    client.insert(newTask("one", "b1", 100)).join(); // a round trip: a second connection would be open by now
    assertThat(proxy.connectionsAccepted()).as("connections opened by connect").isEqualTo(1);
    assertThat(client.stats().connections()).isEqualTo(1);
  }

  @Test
  void theConnectionStateIsObservable() {
    LiveClient client = client("stateful");
    List<ConnectionState> states = new java.util.concurrent.CopyOnWriteArrayList<>();
    client.onStateChange(states::add);
    assertThat(client.state()).isEqualTo(ConnectionState.OPEN);
    proxy.dropAll();
    await().atMost(WAIT).until(() -> states.contains(ConnectionState.RECONNECTING) && client.state() == ConnectionState.OPEN);
    client.close();
    await().atMost(WAIT).until(() -> states.contains(ConnectionState.CLOSED));
    assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
  }
}

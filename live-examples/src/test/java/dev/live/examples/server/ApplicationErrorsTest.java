package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.AuthContext;
import dev.live.error.LiveException;
import dev.live.examples.board.CommentQuery;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.Role;
import dev.live.examples.board.Status;
import dev.live.examples.board.TaskProcedures;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.Task_;
import dev.live.examples.logs.CapturedStderr;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import dev.live.storage.Hooks;
import dev.live.storage.StoreOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An application refuses with a code of its own ({@code LiveException.of("ALREADY_DONE", ...)}),
 * from a procedure, a write rule or a hook: the client gets {@code REJECTED} with the code in
 * {@code appCode}, over WebSocket and HTTP; what the call wrote is rolled back; and such refusals
 * are neither logged as failures nor strikes. Team 1 has boards b1 (t1–t3: t1 doing, t3 done) and
 * b2 (t4).
 */
class ApplicationErrorsTest extends ServerTestBase {
  private static final int STRIKES = 3;
  private static final Map<String, AuthContext> USERS = Map.of(
      "ann", TeamRules.user("u1", "team1", Role.ADMIN),
      "bob", TeamRules.user("u2", "team1", Role.MEMBER));

  @RegisterExtension
  final CapturedStderr log = new CapturedStderr();

  /** The tasks the delete hook saw, in order. */
  private final List<String> deleting = new CopyOnWriteArrayList<>();

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder
        .authenticate(handshake -> handshake.header("X-User").map(USERS::get).orElse(AuthContext.anonymous()))
        .rules(TeamRules.teamReadRules()
            .update(Task_.COLLECTION, (auth, before, after, changed) -> {
              if (before.labels().contains("frozen")) {
                throw LiveException.of("TASK_FROZEN", "task '" + before.id() + "' is frozen");
              }
              return true;
            })
            .build())
        .procedures(new TaskProcedures())
        .options(ServerOptions.builder().rateLimitStrikes(STRIKES).build());
  }

  @Override
  StoreOptions storeOptions() {
    return StoreOptions.builder().hooks(Hooks.builder()
            .beforeDelete(Task_.COLLECTION, (tx, task) -> {
              deleting.add(task.id());
              if (task.status() == Status.DOING) {
                throw LiveException.of("TASK_IN_PROGRESS", "task '" + task.id() + "' is in progress");
              }
            })
            .build())
        .build();
  }

  @Test
  void aProceduresOwnCodeReachesTheCallerBesideRejected() {
    JsonNode reply = as("bob").call("complete", json("{'taskId':'t3'}"));

    assertThat(reply.path("type").asText()).as("reply %s", reply).isEqualTo("error");
    assertThat(reply.path("error").path("code").asText()).isEqualTo("REJECTED");
    assertThat(reply.path("error").path("appCode").asText()).isEqualTo("ALREADY_DONE");
    assertThat(reply.path("error").path("message").asText()).isEqualTo("task 't3' is done already");
    JsonNode live = as("bob").call("complete", json("{'taskId':'nope'}"));
    assertThat(live.path("error").has("appCode")).as("Live's own errors have none: %s", live).isFalse();
  }

  @Test
  void anApplicationsRefusalRollsBackWhatTheCallWroteBeforeIt() {
    WsClient ann = as("ann");
    update(ann, "tasks", "t1", "{'status':'TODO'}");
    update(ann, "tasks", "t3", "{'status':'DOING'}");

    // archiveBoard deletes b1's tasks in id order with their comments; the hook refuses t3, the last.
    JsonNode reply = ann.call("archiveBoard", "\"b1\"");

    assertThat(reply.path("error").path("code").asText()).as("reply %s", reply).isEqualTo("REJECTED");
    assertThat(reply.path("error").path("appCode").asText()).isEqualTo("TASK_IN_PROGRESS");
    assertThat(deleting).as("deleted before the refusal").containsExactly("t1", "t2", "t3");
    assertThat(store.list(TaskQuery.where(Task_.boardId.eq("b1")))).as("t1 and t2 were deleted, and are back")
        .hasSize(3);
    assertThat(store.list(CommentQuery.where(Comment_.taskId.in(List.of("t1", "t3"))))).as("their comments")
        .hasSize(4);
  }

  @Test
  void aWriteRuleOrAHookRefusesAMutationWithTheApplicationsCode() {
    WsClient ann = as("ann");
    update(ann, "tasks", "t1", "{'labels':['frozen']}");
    update(ann, "tasks", "t2", "{'status':'DOING'}");

    JsonNode frozen = ann.mutate("update", "tasks", "\"t1\"", json("{'title':'Thawed'}"));
    assertThat(frozen.path("status").asText()).as("ack %s", frozen).isEqualTo("rejected");
    assertThat(frozen.path("error").path("code").asText()).isEqualTo("REJECTED");
    assertThat(frozen.path("error").path("appCode").asText()).isEqualTo("TASK_FROZEN");
    JsonNode inProgress = ann.mutate("delete", "tasks", "\"t2\"", null);
    assertThat(inProgress.path("error").path("appCode").asText()).as("ack %s", inProgress)
        .isEqualTo("TASK_IN_PROGRESS");

    assertThat(store.find(TaskQuery.all().one("t1")).orElseThrow().title()).isNotEqualTo("Thawed");
    assertThat(store.find(TaskQuery.all().one("t2"))).isPresent();
    update(ann, "tasks", "t2", "{'title':'Still served'}");
    assertThat(log.text().lines().filter(line -> line.contains("WARN")).toList())
        .as("a rule refusing with the application's code is no rule failure")
        .noneMatch(line -> line.contains("rule of tasks failed"));
  }

  @Test
  void overHttpAnApplicationsRefusalIs422WithItsCode() {
    HttpResponse<String> response = HttpCalls.post(server, "/call/complete", Map.of("X-User", "bob"),
        json("{'taskId':'t3'}"));

    assertThat(response.statusCode()).as("body %s", response.body()).isEqualTo(422);
    JsonNode error = HttpCalls.json(response).path("error");
    assertThat(error.path("code").asText()).isEqualTo("REJECTED");
    assertThat(error.path("appCode").asText()).isEqualTo("ALREADY_DONE");
    assertThat(error.path("message").asText()).isEqualTo("task 't3' is done already");
  }

  @Test
  void applicationRefusalsAreNoStrikesWhileLivesRefusalsAre() throws Exception {
    WsClient bob = as("bob");
    for (int i = 0; i < STRIKES * 3; i++) {
      JsonNode reply = bob.call("complete", json("{'taskId':'t3'}"));
      assertThat(reply.path("error").path("appCode").asText()).as("reply %s", reply).isEqualTo("ALREADY_DONE");
    }
    assertThat(bob.call("countOpen", "\"b1\"").path("value").asInt()).as("still served").isEqualTo(2);
    assertThat(bob.closed).isNotDone();

    // Refused by Live (FORBIDDEN: archiveBoard is for admins): strikes, and one over them closes the connection.
    for (int i = 0; i <= STRIKES && !bob.closed.isDone(); i++) {
      String id = "archive" + i;
      bob.send("{\"type\":\"call\",\"id\":\"" + id + "\",\"procedure\":\"archiveBoard\",\"input\":\"b1\"}");
      await().atMost(Duration.ofSeconds(10))
          .until(() -> bob.closed.isDone() || bob.received().stream().anyMatch(m -> m.path("id").asText().equals(id)));
    }
    int code = bob.closed.get(10, TimeUnit.SECONDS)[0];
    if (code != -1) { // the connection may drop before the close frame reaches the client
      assertThat(code).isEqualTo(1008);
      assertThat(bob.closeReason.get(10, TimeUnit.SECONDS)).contains("refused or failed");
    }
    String[] failures = Arrays.stream(log.text().split("\n"))
        .filter(line -> line.contains("WARN") && line.contains("failed on the server")).toArray(String[]::new);
    assertThat(failures).as("refusals are not the server's failures").isEmpty();
  }

  private WsClient as(String user) {
    WsClient client = track(WsClient.connect(uri(), Map.of("X-User", user)));
    client.hello(null);
    return client;
  }
}

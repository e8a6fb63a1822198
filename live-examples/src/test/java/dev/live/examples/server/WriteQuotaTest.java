package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.AuthContext;
import dev.live.examples.board.Role;
import dev.live.examples.board.Status;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskProcedures;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.examples.board.TeamScope;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.JdbcFaults;
import dev.live.examples.storage.TestDatabase;
import dev.live.json.LiveJson;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import dev.live.server.WriteQuota;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Write quotas on the tasks collection: a row over the largest size is refused with {@code
 * ROW_TOO_LARGE} and nothing is written; one user's writes beyond the bytes per minute are refused
 * with {@code QUOTA_EXCEEDED} while other users write on, until the allowance refills; a
 * procedure's writes count against its caller; a refused member of a group commit leaves the
 * rest of the group to commit; and beyond the writers tracked, new writers share one allowance.
 */
class WriteQuotaTest extends ServerTestBase {
  private static final int MAX_ROW = 4_000;
  /** About 30 rows of {@link #BIG} a minute, so one row's refill takes about 2 s. */
  private static final long PER_MINUTE = 30_000;
  private static final int BIG = 1_000;
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String B1 = "{'collection':'tasks','where':{'op':'eq','field':'boardId','value':'b1'}}";

  private final JdbcFaults faults = new JdbcFaults();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private long perMinute = PER_MINUTE;
  private int maxWriters = WriteQuota.DEFAULT_MAX_WRITERS;
  private int inserted;

  @Override
  TestDatabase createDatabase() {
    return backend.create(faults);
  }

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder.procedures(new TaskProcedures()).metrics(registry)
        .authenticate(handshake -> handshake.bearerToken()
            .map(user -> TeamScope.member(user, "team1", Role.MEMBER)).orElse(AuthContext.anonymous()))
        // Strikes and the message rate stay out of the way: refusals here are the quota's.
        .options(ServerOptions.builder().messagesPerSecond(10_000).messageBurst(10_000).rateLimitStrikes(10_000)
            .build())
        .writeQuota(Task_.COLLECTION, q -> q.maxRowBytes(MAX_ROW).bytesPerMinute(perMinute).maxWriters(maxWriters));
  }

  @Test
  void aRowOverTheLargestSizeIsRefusedWithRowTooLargeAndNothingIsWritten() {
    WsClient ann = user("ann");
    Task tooBig = task("big1", MAX_ROW + 100);
    JsonNode insert = ann.mutate("insert", "tasks", null, LiveJson.encode(Task_.COLLECTION.codec(), tooBig));
    assertRejected(insert, "ROW_TOO_LARGE");
    assertThat(insert.path("error").path("message").asText())
        .contains("tasks", "is " + jsonBytes(tooBig) + " bytes", "largest row", MAX_ROW + " bytes");
    assertThat(ids(fresh(json(B1)))).doesNotContain("big1");

    JsonNode update = ann.mutate("update", "tasks", "\"t2\"", "{\"title\":\"" + "x".repeat(MAX_ROW) + "\"}");
    assertRejected(update, "ROW_TOO_LARGE");
    assertThat(fresh(json(B1))).filteredOn(row -> row.path("id").asText().equals("t2"))
        .extracting(row -> row.path("title").asText()).containsExactly("Fix the signup form");

    JsonNode fits = ann.mutate("insert", "tasks", null, LiveJson.encode(Task_.COLLECTION.codec(), task("fits", BIG)));
    assertThat(fits.path("status").asText()).as("a row within the bound: %s", fits).isEqualTo("applied");
  }

  @Test
  void aUserBeyondTheBytesPerMinuteIsRefusedOthersWriteOnAndTheAllowanceRefills() {
    WsClient ann = user("ann");
    JsonNode refused = exhaust(ann);
    assertThat(refused.path("error").path("message").asText())
        .contains("you may write " + PER_MINUTE + " bytes per minute to tasks", "this row is", "fits again in about");
    int annRows = inserted;
    assertThat((long) annRows * jsonBytes(task("r", BIG))).as("a minute's allowance was written first")
        .isGreaterThan(PER_MINUTE - jsonBytes(task("r", BIG)));
    assertThat(ids(fresh(json(B1)))).as("the refused row").doesNotContain("r" + annRows);

    WsClient bob = user("bob");
    assertThat(insertBig(bob).path("status").asText()).as("another user's allowance").isEqualTo("applied");
    WsClient anonymous = client("anon");
    assertThat(insertBig(anonymous).path("status").asText()).as("an anonymous client's").isEqualTo("applied");

    // One row's refill takes about 2 s; each refused attempt writes nothing.
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
        .until(() -> insertBig(ann).path("status").asText().equals("applied"));
  }

  @Test
  void theAnonymousClientsOfOneAddressShareAnAllowance() {
    WsClient first = client("anon1");
    exhaust(first);
    JsonNode second = insertBig(client("anon2"));
    assertRejected(second, "QUOTA_EXCEEDED");
    assertThat(second.path("error").path("message").asText()).contains("the anonymous clients of your address");
  }

  @Test
  void aProceduresWritesCountAgainstItsCaller() {
    Task completed = new Task("t2", "b1", "Fix the signup form", Status.DONE, null, null, 2, 1.0, 2L, List.of(), null);
    restart(jsonBytes(completed) * 3 / 2); // room for one such row, not two
    WsClient ann = user("ann");
    JsonNode complete = ann.call("complete", json("{'taskId':'t2'}"));
    assertThat(complete.path("type").asText()).as("reply %s", complete).isEqualTo("result");

    HttpResponse<String> move = post("/call/move", "ann", json("{'taskId':'t2','status':'DOING','position':5}"));
    assertThat(move.statusCode()).as("body %s", move.body()).isEqualTo(429);
    assertThat(move.body()).contains("QUOTA_EXCEEDED", "tasks");
    JsonNode again = ann.call("move", json("{'taskId':'t2','status':'DOING','position':5}"));
    assertThat(again.path("error").path("code").asText()).as("reply %s", again).isEqualTo("QUOTA_EXCEEDED");
    assertThat(fresh(json(B1))).filteredOn(row -> row.path("id").asText().equals("t2"))
        .extracting(row -> row.path("status").asText()).as("the procedure's refused write rolled back")
        .containsExactly("DONE");

    HttpResponse<String> bobs = post("/call/move", "bob", json("{'taskId':'t2','status':'DOING','position':5}"));
    assertThat(bobs.statusCode()).as("another user: %s", bobs.body()).isEqualTo(200);
  }

  @Test
  void theApplicationsOwnWritesAreNotLimitedButAProcedureStoringARowTooLargeIsAnswered413() {
    String title = "x".repeat(MAX_ROW);
    server.data().update("t2", TaskUpdate.of().title(title));
    HttpResponse<String> complete = post("/call/complete", "ann", json("{'taskId':'t2'}"));
    assertThat(complete.statusCode()).as("body %s", complete.body()).isEqualTo(413);
    assertThat(complete.body()).contains("ROW_TOO_LARGE", "tasks");
    assertThat(fresh(json(B1))).filteredOn(row -> row.path("id").asText().equals("t2"))
        .extracting(row -> row.path("status").asText()).containsExactly("TODO");
  }

  @Test
  void aRefusedMemberOfAGroupCommitDoesNotFailTheOthers() {
    WsClient x = user("xavier");
    WsClient y = user("yann");
    WsClient z = user("zoe");
    List<JdbcFaults.Hold> holds = occupyCommitters();
    x.send(WsClient.mutation("m1", 1, "insert", "tasks", null, LiveJson.encode(Task_.COLLECTION.codec(), task("gx", MAX_ROW + 100))));
    y.send(WsClient.mutation("m1", 1, "insert", "tasks", null, LiveJson.encode(Task_.COLLECTION.codec(), task("gy", BIG))));
    z.send(WsClient.mutation("m1", 1, "insert", "tasks", null, LiveJson.encode(Task_.COLLECTION.codec(), task("gz", BIG))));
    await().atMost(WAIT).until(() -> registry.get("live.mutations.waiting").gauge().value() == 3);
    double groupsBefore = groups();
    holds.forEach(JdbcFaults.Hold::release);

    assertRejected(ack(x), "ROW_TOO_LARGE");
    assertThat(ack(y).path("status").asText()).isEqualTo("applied");
    assertThat(ack(z).path("status").asText()).isEqualTo("applied");
    await().atMost(WAIT).untilAsserted(() -> assertThat(groups())
        .as("the holders' groups and the one of x, y and z").isEqualTo(groupsBefore + committers() + 1));
    assertThat(ids(fresh(json(B1)))).contains("gy", "gz").doesNotContain("gx");
  }

  @Test
  void beyondTheWritersTrackedNewWritersShareOneAllowance() {
    maxWriters = 1;
    restart(PER_MINUTE);
    WsClient ann = user("ann");
    // A third of her allowance: she keeps her place (it is full again only after 20 s).
    for (int i = 0; i < 10; i++) {
      assertThat(insertBig(ann).path("status").asText()).as("ann takes the one place").isEqualTo("applied");
    }
    exhaust(user("bob"));
    assertRejected(insertBig(user("carl")), "QUOTA_EXCEEDED");
    assertThat(insertBig(ann).path("status").asText()).as("ann's own allowance").isEqualTo("applied");
  }

  /** Inserts rows of about {@link #BIG} bytes until one is refused (within twice a minute's worth); returns that ack. */
  private JsonNode exhaust(WsClient client) {
    inserted = 0;
    for (int i = 0; i < 2 * PER_MINUTE / BIG; i++) {
      JsonNode ack = insertBig(client);
      if (!ack.path("status").asText().equals("applied")) {
        assertRejected(ack, "QUOTA_EXCEEDED");
        return ack;
      }
      inserted++;
    }
    throw new AssertionError("twice a minute's allowance was written without a refusal");
  }

  private int nextRow;

  private JsonNode insertBig(WsClient client) {
    String id = "r" + nextRow++;
    return client.mutate("insert", "tasks", null, LiveJson.encode(Task_.COLLECTION.codec(), task(id, BIG)));
  }

  /** A task of board b1 whose title makes its JSON about {@code bytes} long. */
  private static Task task(String id, int bytes) {
    return new Task(id, "b1", "x".repeat(bytes - 200), Status.TODO, null, null, 1, 1.0, 1L, List.of(), null);
  }

  private static long jsonBytes(Task task) {
    return LiveJson.encode(Task_.COLLECTION.codec(), task).getBytes(StandardCharsets.UTF_8).length;
  }

  /** Starts the server again on the same store, with {@code bytesPerMinute} on tasks. */
  private void restart(long bytesPerMinute) {
    server.close();
    perMinute = bytesPerMinute;
    server = configure(LiveServer.builder().schema(dev.live.examples.board.AppSchema.INSTANCE).store(store)
        .host("127.0.0.1").port(0)).start();
  }

  private WsClient user(String name) {
    WsClient client = track(WsClient.connect(uri(), Map.of("Authorization", "Bearer " + name)));
    client.hello(name + "-client");
    return client;
  }

  /** Takes every committer with a mutation held before its insert, and waits until each is held. */
  private List<JdbcFaults.Hold> occupyCommitters() {
    List<JdbcFaults.Hold> holds = new ArrayList<>();
    for (int i = 0; i < committers(); i++) {
      String id = "gh" + i;
      JdbcFaults.Hold hold = faults.hold(id);
      holds.add(hold);
      user("holder" + i).send(WsClient.mutation("m1", 1, "insert", "tasks", null,
          LiveJson.encode(Task_.COLLECTION.codec(), task(id, BIG))));
      hold.awaitReached(WAIT);
    }
    return holds;
  }

  /** Groups commit one at a time on H2, two at a time on PostgreSQL. */
  private int committers() {
    return backend == Backend.H2 ? 1 : 2;
  }

  private double groups() {
    return registry.get("live.mutation.groups").functionCounter().count();
  }

  private static JsonNode ack(WsClient client) {
    return client.next(message -> message.path("id").asText().equals("m1") && !message.path("type").asText().equals("delta"));
  }

  private static void assertRejected(JsonNode ack, String code) {
    assertThat(ack.path("status").asText()).as("ack %s", ack).isEqualTo("rejected");
    assertThat(ack.path("error").path("code").asText()).as("ack %s", ack).isEqualTo(code);
  }

  private static List<String> ids(List<JsonNode> rows) {
    return rows.stream().map(row -> row.path("id").asText()).toList();
  }

  private HttpResponse<String> post(String path, String user, String body) {
    return HttpCalls.post(server, path, java.util.Map.of("Authorization", "Bearer " + user), body);
  }
}

package dev.live.examples.server;

import static dev.live.examples.server.TeamRules.team;
import static dev.live.examples.server.TeamRules.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.AuthContext;
import dev.live.auth.Rules;
import dev.live.examples.board.BoardQueries;
import dev.live.examples.board.Board_;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.Role;
import dev.live.examples.board.TaskProcedures;
import dev.live.examples.board.Task_;
import dev.live.server.LiveServer;
import dev.live.server.Middleware;
import dev.live.server.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Live query procedures ({@link BoardQueries}): subscribing to one works like subscribing to the
 * query it returns, within the caller's read rules, with the procedure's roles and middlewares;
 * calling one returns the rows once. Team 1 has boards b1, b2 (tasks t1–t4); team 2 has b3 (t5).
 */
class LiveQueryProcedureTest extends ServerTestBase {
  private static final Map<String, AuthContext> USERS = Map.of(
      "ann", user("u1", "team1", Role.ADMIN),
      "bob", user("u2", "team1", Role.MEMBER),
      "cyd", user("u3", "team2", Role.MEMBER));

  private final List<String> calls = new CopyOnWriteArrayList<>();

  @Override
  @SuppressWarnings("removal") // roles set on the builder: the deprecated way, still served until it goes
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder
        .authenticate(handshake -> handshake.header("X-User").map(USERS::get).orElse(AuthContext.anonymous()))
        .rules(TeamRules.teamReadRules()
            // Comments are private notes here: their author's only, in includes too.
            .read(Comment_.COLLECTION, auth -> auth.userId()
                .map(Comment_.authorId::eq)
                .orElse(Rules.nothing(Comment_.COLLECTION)))
            .build())
        .procedures(new BoardQueries(), new TaskProcedures())
        .roles("taskWithComments", Role.ADMIN.name())
        .middleware(recordingCalls())
        .options(ServerOptions.defaults());
  }

  private Middleware recordingCalls() {
    return (invocation, next) -> {
      calls.add(invocation.operation() + " " + invocation.target());
      return next.proceed();
    };
  }

  @Test
  void subscribingToAProcedureFollowsTheQueryItReturns() {
    WsClient ann = as("ann");
    JsonNode snapshot = subscribe(ann, "open", "openTasks", "\"b1\"");
    assertThat(snapshot.path("type").asText()).as("reply %s", snapshot).isEqualTo("snapshot");
    assertThat(snapshot.path("query").toString()).as("the query the procedure returned")
        .isEqualTo(new BoardQueries().openTasks("b1").toJson());
    String openTasks = snapshot.path("query").toString();
    awaitConverged(ann, "open", fresh(ann, openTasks), "t1", "t2");

    insert(ann, "tasks", task("t9", "b1", "TODO", 0));
    update(ann, "tasks", "t2", "{'status':'DONE'}");
    update(ann, "tasks", "t3", "{'status':'DOING'}");
    insert(ann, "tasks", task("t8", "b2", "TODO", 0)); // another board: not in this result
    awaitConverged(ann, "open", fresh(ann, openTasks), "t9", "t1", "t3");
    assertThat(calls).as("the procedure ran once, when subscribing").containsOnlyOnce("call openTasks");
  }

  @Test
  void theCallersReadRulesApplyToTheProceduresQuery() {
    WsClient ann = as("ann");
    WsClient cyd = as("cyd");
    JsonNode hidden = subscribe(cyd, "open", "openTasks", "\"b1\"");
    assertThat(hidden.path("rows").size()).as("team 2 reads nothing of team 1's board: %s", hidden).isZero();
    subscribe(cyd, "plans", "openTasks", "\"b3\"");

    insert(ann, "tasks", task("t9", "b1", "TODO", 0));
    update(ann, "tasks", "t1", "{'title':'Secret plan'}");
    update(cyd, "tasks", "t5", "{'title':'Seen by team 2'}"); // the last write: its delta comes after the others
    awaitConverged(cyd, "plans", fresh(cyd, new BoardQueries().openTasks("b3").toJson()), "t5");
    assertThat(ReplayedResult.of(cyd, "open").rows()).isEmpty();
    assertThat(cyd.received()).as("everything cyd received")
        .noneMatch(message -> message.toString().contains("t9") || message.toString().contains("Secret plan"));
  }

  @Test
  void procedureSeesTheCallerAndMayRefuseTheSubscription() {
    WsClient bob = as("bob");
    JsonNode mine = subscribe(bob, "mine", "myTasks", null);
    assertThat(mine.path("rows")).extracting(row -> row.path("id").asText()).containsExactly("t3");
    assertThat(mine.path("rows").get(0).path("board").path("id").asText()).as("included board").isEqualTo("b1");
    update(as("ann"), "tasks", "t2", "{'assigneeId':'u2'}");
    awaitConverged(bob, "mine", fresh(bob, mine.path("query").toString()), "t3", "t2");

    WsClient anonymous = client(null);
    JsonNode refused = subscribe(anonymous, "mine", "myTasks", null);
    assertError(refused, "mine", "UNAUTHENTICATED", "sign in first");
    JsonNode again = anonymous.request("mine", json("{'type':'unsubscribe','id':'mine'}"));
    assertError(again, "mine", "PROTOCOL_VIOLATION", "no subscription \"mine\" is open");
  }

  @Test
  void rolesOfTheProcedureApplyToSubscribersAndCallers() {
    JsonNode refused = subscribe(as("bob"), "task", "taskWithComments", "\"t1\"");
    assertError(refused, "task", "FORBIDDEN", "procedure 'taskWithComments' needs the role ADMIN");
    assertThat(calls).as("a refused procedure does not run").doesNotContain("call taskWithComments");

    WsClient ann = as("ann");
    JsonNode snapshot = subscribe(ann, "task", "taskWithComments", "\"t1\"");
    assertThat(snapshot.path("rows")).hasSize(1);
    assertThat(snapshot.path("rows").get(0).path("comments")).as("the read rule of comments applies to the include")
        .extracting(c -> c.path("body").asText())
        .containsExactly("Thanks!");
  }

  @Test
  void callingAProcedureReturnsItsRowsOnceAsTheCallerMayReadThem() {
    JsonNode ann = as("ann").call("openTasks", "\"b1\"");
    assertThat(ann.path("type").asText()).as("reply %s", ann).isEqualTo("result");
    assertThat(ann.path("value")).extracting(row -> row.path("id").asText()).containsExactly("t1", "t2");
    JsonNode cyd = as("cyd").call("openTasks", "\"b1\"");
    assertThat(cyd.path("value").isArray()).as("reply %s", cyd).isTrue();
    assertThat(cyd.path("value")).isEmpty();

    JsonNode one = as("ann").call("taskWithComments", "\"t3\"");
    assertThat(one.path("value").path("id").asText()).as("reply %s", one).isEqualTo("t3");
    assertThat(one.path("value").path("comments")).extracting(c -> c.path("body").asText()).containsExactly("Booked");
    JsonNode none = as("ann").call("taskWithComments", "\"t5\""); // team 2's task: hidden
    assertThat(none.path("value").isNull()).as("reply %s", none).isTrue();
  }

  @Test
  void procedureCallOverHttpReturnsTheRows() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/live/call/openTasks"))
        .timeout(Duration.ofSeconds(10))
        .header("X-User", "ann")
        .POST(HttpRequest.BodyPublishers.ofString("\"b2\""))
        .build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("response %s", response.body()).isEqualTo(200);
    JsonNode body = WsClient.JSON.readTree(response.body());
    assertThat(body.path("value")).extracting(row -> row.path("id").asText()).containsExactly("t4");
  }

  @Test
  void subscribeRefusesWhatIsNotALiveQueryProcedure() {
    WsClient ann = as("ann");
    assertError(ann.request("a", json("{'type':'subscribe','id':'a','procedure':'move','input':"
            + "{'taskId':'t1','status':'DONE','position':1}}")),
        "a", "INVALID_QUERY", "procedure 'move' does not return a query, so it cannot be subscribed to;"
            + " live query procedures: myTasks, openTasks, taskWithComments");
    assertError(ann.request("b", json("{'type':'subscribe','id':'b','procedure':'openTasks','input':'b1',"
            + "'query':{'collection':'tasks'}}")),
        "b", "INVALID_QUERY", "a query or a live query procedure, not both");
    assertError(ann.request("c", json("{'type':'subscribe','id':'c','procedure':'openTasks','input':7}")),
        "c", "WRONG_TYPE", "input: expected a string but found a number");
    assertError(ann.request("d", json("{'type':'subscribe','id':'d','procedure':'openTask','input':'b1'}")),
        "d", "UNKNOWN_PROCEDURE", "did you mean 'openTasks'");
    assertError(ann.request("e", json("{'type':'subscribe','id':'e','query':{'collection':'tasks'},'input':'b1'}")),
        "e", "UNKNOWN_FIELD", "input goes with a procedure, and this message names none");
    JsonNode fine = subscribe(ann, "a", "openTasks", "\"b1\"");
    assertThat(fine.path("type").asText()).as("the connection still serves: %s", fine).isEqualTo("snapshot");
  }

  private static JsonNode subscribe(WsClient client, String id, String procedure, String input) {
    return client.request(id, "{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"procedure\":\"" + procedure + "\""
        + (input == null ? "" : ",\"input\":" + input) + "}");
  }

  private static void assertError(JsonNode reply, String id, String code, String messagePart) {
    assertThat(reply.path("type").asText()).as("reply %s", reply).isEqualTo("error");
    assertThat(reply.path("id").asText()).isEqualTo(id);
    assertThat(reply.path("error").path("code").asText()).as("reply %s", reply).isEqualTo(code);
    assertThat(reply.path("error").path("message").asText()).contains(messagePart);
  }

  private WsClient as(String user) {
    WsClient client = track(WsClient.connect(uri(), Map.of("X-User", user)));
    client.hello(null);
    return client;
  }

}

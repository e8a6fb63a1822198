package dev.live.examples.server;

import static dev.live.examples.server.TeamRules.team;
import static dev.live.examples.server.TeamRules.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.AuthContext;
import dev.live.examples.board.BoardUpdate;
import dev.live.examples.board.Board_;
import dev.live.examples.board.Role;
import dev.live.examples.board.Task_;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Read and write rules. A user sees the tasks and boards of their own team only: never in a
 * snapshot, a delta, an include, a relation condition, a one-shot query or an ack. Members may
 * not delete tasks, nor move them to another board; nobody may insert a task into another
 * team's board. Team 1 has boards b1, b2 (tasks t1–t4); team 2 has b3 (t5).
 */
class ReadRulesTest extends ServerTestBase {
  /** Who each {@code X-User} header names: user id, team, role. */
  private static final Map<String, AuthContext> USERS = Map.of(
      "ann", user("u1", "team1", Role.ADMIN),
      "bob", user("u2", "team1", Role.MEMBER),
      "cyd", user("u3", "team2", Role.MEMBER),
      "dee", user("u9", "team2", Role.ADMIN));
  private static final Map<String, Set<String>> BOARDS = Map.of("team1", Set.of("b1", "b2"), "team2", Set.of("b3"));

  private static final String ALL_TASKS = json("{'collection':'tasks'}");

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder
        .authenticate(handshake -> handshake.header("X-User").map(USERS::get).orElse(AuthContext.anonymous()))
        .rules(TeamRules.teamReadRules()
            .insert(Task_.COLLECTION, (auth, task) ->
                team(auth).map(team -> BOARDS.get(team).contains(task.boardId())).orElse(false))
            .update(Task_.COLLECTION, (auth, before, after, changed) ->
                !changed.contains(Task_.boardId) || auth.hasRole(Role.ADMIN.name()))
            .delete(Task_.COLLECTION, (auth, task) -> auth.hasRole(Role.ADMIN.name()))
            .build())
        .options(ServerOptions.defaults());
  }

  @Test
  void snapshotHoldsOnlyTheRowsOfTheCallersTeam() {
    WsClient ann = as("ann");
    WsClient cyd = as("cyd");
    ann.subscribe("s", ALL_TASKS);
    cyd.subscribe("s", ALL_TASKS);
    awaitConverged(ann, "s", fresh(ann, ALL_TASKS), "t1", "t2", "t3", "t4");
    awaitConverged(cyd, "s", fresh(cyd, ALL_TASKS), "t5");
  }

  @Test
  void deltasOfAnotherTeamsRowsNeverArrive() {
    WsClient ann = as("ann");
    WsClient cyd = as("cyd");
    cyd.subscribe("s", ALL_TASKS);
    insert(ann, "tasks", task("t9", "b1", "TODO", 9));
    update(ann, "tasks", "t1", "{'title':'Secret plan'}");
    update(ann, "tasks", "t2", "{'status':'DONE'}");
    update(cyd, "tasks", "t5", "{'title':'Seen by team 2'}"); // the last write: its delta comes after all others
    awaitConverged(cyd, "s", fresh(cyd, ALL_TASKS), "t5");
    assertThat(cyd.received()).as("everything cyd received")
        .noneMatch(m -> mentions(m, "t1", "t2", "t9", "Secret plan"));
  }

  @Test
  void taskMovedToAnotherTeamsBoardLeavesOneTeamAndJoinsTheOther() {
    WsClient ann = as("ann");
    WsClient cyd = as("cyd");
    ann.subscribe("s", ALL_TASKS);
    cyd.subscribe("s", ALL_TASKS);
    JsonNode ack = update(ann, "tasks", "t2", "{'boardId':'b3'}");
    assertThat(ack.has("row")).as("ann may no longer read t2, so her ack has no row: %s", ack).isFalse();
    awaitConverged(ann, "s", fresh(ann, ALL_TASKS), "t1", "t3", "t4");
    awaitConverged(cyd, "s", fresh(cyd, ALL_TASKS), "t2", "t5");

    JsonNode back = update(as("dee"), "tasks", "t2", "{'boardId':'b1'}");
    assertThat(back.has("row")).as("ack %s", back).isFalse();
    awaitConverged(ann, "s", fresh(ann, ALL_TASKS), "t1", "t2", "t3", "t4");
    awaitConverged(cyd, "s", fresh(cyd, ALL_TASKS), "t5");
  }

  @Test
  void boardMovedToAnotherTeamTakesItsTasksAlong() {
    WsClient ann = as("ann");
    WsClient cyd = as("cyd");
    ann.subscribe("s", ALL_TASKS);
    cyd.subscribe("s", ALL_TASKS);
    server.data().update("b2", BoardUpdate.of().teamId("team2"));
    awaitConverged(ann, "s", fresh(ann, ALL_TASKS), "t1", "t2", "t3");
    awaitConverged(cyd, "s", fresh(cyd, ALL_TASKS), "t4", "t5");
  }

  @Test
  void deleteOfAHiddenRowSendsNothingToThoseWhoCannotSeeIt() {
    WsClient ann = as("ann");
    WsClient cyd = as("cyd");
    ann.subscribe("s", ALL_TASKS);
    cyd.subscribe("s", ALL_TASKS);
    delete(ann, "tasks", "t2");
    update(cyd, "tasks", "t5", "{'title':'After the delete'}");
    awaitConverged(ann, "s", fresh(ann, ALL_TASKS), "t1", "t3", "t4");
    awaitConverged(cyd, "s", fresh(cyd, ALL_TASKS), "t5");
    assertThat(cyd.received()).noneMatch(m -> mentions(m, "t2"));
  }

  @Test
  void includedRowsFollowTheReadRuleOfTheirCollection() {
    String query = json("{'collection':'users','include':[{'relation':'assignedTasks','orderBy':[{'field':'position'}]}]}");
    WsClient ann = as("ann");
    WsClient cyd = as("cyd");
    ann.subscribe("s", query);
    cyd.subscribe("s", query);
    awaitConverged(ann, "s", fresh(ann, query), "u1", "u2", "u3");
    awaitConverged(cyd, "s", fresh(cyd, query), "u1", "u2", "u3");
    assertThat(assigned(ann, "u1")).containsExactly("t1", "t4");
    assertThat(assigned(ann, "u3")).as("t5 is team 2's").isEmpty();
    assertThat(assigned(cyd, "u1")).as("t1 and t4 are team 1's").isEmpty();
    assertThat(assigned(cyd, "u3")).containsExactly("t5");

    update(cyd, "tasks", "t5", "{'assigneeId':'u1'}");
    awaitConverged(ann, "s", fresh(ann, query), "u1", "u2", "u3");
    awaitConverged(cyd, "s", fresh(cyd, query), "u1", "u2", "u3");
    assertThat(assigned(ann, "u1")).containsExactly("t1", "t4");
    assertThat(assigned(cyd, "u1")).containsExactly("t5");
    assertThat(assigned(cyd, "u3")).isEmpty();
    assertThat(ann.received()).noneMatch(m -> mentions(m, "t5"));
  }

  @Test
  void relationConditionsDoNotMatchThroughRowsTheCallerCannotRead() {
    String some = json("{'collection':'users','where':{'op':'some','relation':'assignedTasks',"
        + "'where':{'op':'eq','field':'status','value':'TODO'}}}");
    String none = json("{'collection':'users','where':{'op':'none','relation':'assignedTasks',"
        + "'where':{'op':'eq','field':'status','value':'TODO'}}}");
    WsClient ann = as("ann");
    WsClient cyd = as("cyd");
    ann.subscribe("some", some);
    ann.subscribe("none", none);
    cyd.subscribe("some", some);
    awaitConverged(ann, "some", fresh(ann, some), "u1"); // u3's TODO task is team 2's
    awaitConverged(ann, "none", fresh(ann, none), "u2", "u3");
    awaitConverged(cyd, "some", fresh(cyd, some), "u3"); // u1's TODO task t4 is team 1's

    update(ann, "tasks", "t2", "{'assigneeId':'u3'}"); // a TODO task ann can read, for u3
    awaitConverged(ann, "some", fresh(ann, some), "u1", "u3");
    awaitConverged(ann, "none", fresh(ann, none), "u2");
    update(cyd, "tasks", "t5", "{'assigneeId':'u2'}"); // a TODO task only team 2 reads, for u2
    awaitConverged(cyd, "some", fresh(cyd, some), "u2"); // u3's only TODO task now is t2, team 1's
    awaitConverged(ann, "some", fresh(ann, some), "u1", "u3");
    awaitConverged(ann, "none", fresh(ann, none), "u2");
  }

  @Test
  void everyLooksOnlyAtRowsTheCallerCanRead() {
    String every = json("{'collection':'users','where':{'op':'every','relation':'assignedTasks',"
        + "'where':{'op':'eq','field':'status','value':'TODO'}}}");
    WsClient ann = as("ann");
    WsClient cyd = as("cyd");
    ann.subscribe("s", every);
    cyd.subscribe("s", every);
    awaitConverged(ann, "s", fresh(ann, every), "u3"); // t1 is DOING, t3 DONE; u3's t5 is hidden
    awaitConverged(cyd, "s", fresh(cyd, every), "u1", "u2", "u3"); // only t5 is visible, and TODO

    update(cyd, "tasks", "t5", "{'status':'DONE'}");
    awaitConverged(ann, "s", fresh(ann, every), "u3");
    awaitConverged(cyd, "s", fresh(cyd, every), "u1", "u2");
  }

  @Test
  void oneShotQueriesReturnOnlyReadableRows() {
    WsClient ann = as("ann");
    WsClient cyd = as("cyd");
    assertThat(ids(fresh(ann, ALL_TASKS))).containsExactly("t1", "t2", "t3", "t4");
    assertThat(ids(fresh(cyd, ALL_TASKS))).containsExactly("t5");
    assertThat(ids(fresh(cyd, json("{'collection':'tasks','id':'t1'}")))).isEmpty();
    assertThat(ids(fresh(cyd, json("{'collection':'boards','include':[{'relation':'tasks'}]}")))).containsExactly("b3");
    List<JsonNode> team = fresh(ann, json("{'collection':'teams','include':[{'relation':'boards',"
        + "'include':[{'relation':'tasks'}]}]}"));
    assertThat(team).extracting(t -> t.path("boards").size()).containsExactly(2, 0);
    assertThat(ids(fresh(rawAnonymous(), ALL_TASKS))).as("an anonymous client reads no task").isEmpty();
  }

  @Test
  void insertIntoAnotherTeamsBoardIsForbiddenAndChangesNothing() {
    WsClient bob = as("bob");
    WsClient cyd = as("cyd");
    cyd.subscribe("s", ALL_TASKS);
    JsonNode ack = bob.mutate("insert", "tasks", null, json(task("t9", "b3", "TODO", 9)));
    assertRejected(ack, "FORBIDDEN");
    insert(bob, "tasks", task("t8", "b1", "TODO", 8)); // into his own team's board it is fine
    awaitConverged(cyd, "s", fresh(cyd, ALL_TASKS), "t5");
    assertThat(ids(fresh(as("dee"), ALL_TASKS))).containsExactly("t5");
  }

  @Test
  void onlyAnAdminMayChangeTheBoardOfATask() {
    WsClient bob = as("bob");
    bob.subscribe("s", ALL_TASKS);
    assertRejected(bob.mutate("update", "tasks", "\"t1\"", json("{'boardId':'b2','title':'Moved'}")), "FORBIDDEN");
    JsonNode ack = update(bob, "tasks", "t1", "{'title':'Renamed by a member'}");
    assertThat(ack.path("row").path("title").asText()).as("readable row in the ack").isEqualTo("Renamed by a member");
    update(as("ann"), "tasks", "t3", "{'boardId':'b2'}");
    List<JsonNode> rows = fresh(bob, ALL_TASKS);
    awaitConverged(bob, "s", rows, "t1", "t2", "t3", "t4");
    assertThat(rows).extracting(r -> r.path("boardId").asText()).containsExactly("b1", "b1", "b2", "b2");
  }

  @Test
  void aMemberMayNotDeleteATask() {
    WsClient bob = as("bob");
    assertRejected(bob.mutate("delete", "tasks", "\"t2\"", null), "FORBIDDEN");
    assertThat(ids(fresh(bob, ALL_TASKS))).containsExactly("t1", "t2", "t3", "t4");
  }

  @Test
  void writesToRowsTheCallerCannotReadAreNotFoundAsIfTheyDidNotExist() {
    WsClient dee = as("dee"); // an admin, so no write rule stands in the way
    JsonNode hidden = dee.mutate("update", "tasks", "\"t1\"", json("{'title':'Hijacked'}"));
    JsonNode missing = dee.mutate("update", "tasks", "\"t404\"", json("{'title':'Nobody'}"));
    assertRejected(hidden, "NOT_FOUND");
    assertRejected(missing, "NOT_FOUND");
    assertRejected(dee.mutate("delete", "tasks", "\"t1\"", null), "NOT_FOUND");
    assertThat(fresh(as("ann"), json("{'collection':'tasks','id':'t1'}")))
        .extracting(r -> r.path("title").asText()).containsExactly("Write the launch post");
    delete(dee, "tasks", "t5"); // its own team's task it may delete
  }

  private WsClient as(String user) {
    WsClient client = track(WsClient.connect(uri(), Map.of("X-User", user)));
    client.hello(null); // a client id of its own: a user may have several connections
    return client;
  }

  private WsClient rawAnonymous() {
    return client(null);
  }

  private List<String> assigned(WsClient client, String userId) {
    return ReplayedResult.of(client, "s").rows().stream()
        .filter(row -> row.path("id").asText().equals(userId))
        .findFirst().map(row -> ids(row.path("assignedTasks"))).orElseThrow();
  }

  private static List<String> ids(Iterable<JsonNode> rows) {
    List<String> ids = new ArrayList<>();
    rows.forEach(row -> ids.add(row.path("id").asText()));
    return ids;
  }

  private static boolean mentions(JsonNode message, String... texts) {
    String text = message.toString();
    for (String t : texts) {
      if (text.contains("\"" + t + "\"")) {
        return true;
      }
    }
    return false;
  }

  private static void assertRejected(JsonNode ack, String code) {
    assertThat(ack.path("type").asText()).as("reply %s", ack).isEqualTo("ack");
    assertThat(ack.path("status").asText()).as("ack %s", ack).isEqualTo("rejected");
    assertThat(ack.path("error").path("code").asText()).as("ack %s", ack).isEqualTo(code);
    assertThat(ack.has("row")).isFalse();
  }

}

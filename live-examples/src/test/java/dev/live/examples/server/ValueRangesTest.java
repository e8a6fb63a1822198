package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.Rules;
import dev.live.error.ErrorCode;
import dev.live.examples.board.BoardInsert;
import dev.live.examples.board.BoardQuery;
import dev.live.examples.board.Role;
import dev.live.examples.board.TaskProcedures;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.examples.board.TeamScope;
import dev.live.json.ValueRanges;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import dev.live.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each field type's range (docs/protocol.md, "Value ranges") is one contract on H2 and
 * PostgreSQL: the ends of it are written and read back equal through a mutation and a query, and
 * a value one past an end is refused with {@code INVALID_VALUE} and its path wherever it arrives
 * (mutation, query condition, procedure input, HTTP route), never with a storage error.
 */
class ValueRangesTest extends ServerTestBase {
  /** 1,001 digits before the point and 1,000 after: the widest decimal allowed. */
  private static final String WIDEST_DECIMAL = "9".repeat(1001) + "." + "9".repeat(1000);
  private static final String LAST_INSTANT = "+294276-12-31T23:59:59.999999999Z";
  /** The last instant as stored: columns keep microseconds. */
  private static final String LAST_INSTANT_STORED = "+294276-12-31T23:59:59.999999Z";
  private static final String FIRST_INSTANT = "-4712-01-01T00:00:00Z";
  private static final String FAR_INSTANT = "+1000000000-01-01T00:00:00Z";

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder.procedures(new TaskProcedures())
        .authenticate(handshake -> TeamScope.member("u1", "team1", Role.ADMIN))
        .rules(Rules.none())
        .options(ServerOptions.builder().maxMessageBytes(64 * 1024).build());
  }

  @Test
  void theEndsOfEachRangeRoundTripThroughAMutationAndAQuery() {
    WsClient client = client("edges");
    insert(client, "boards", "{'id':'far','title':'\uD83D\uDE00 last','teamId':'team1','deadline':'+5874897-12-31',"
        + "'budget':'" + WIDEST_DECIMAL + "','createdAt':'" + LAST_INSTANT + "'}");
    insert(client, "boards", "{'id':'early','title':'first','teamId':'team1','deadline':'-4712-01-01',"
        + "'budget':'-" + WIDEST_DECIMAL + "','createdAt':'" + FIRST_INSTANT + "'}");

    JsonNode far = only(fresh(json("{'collection':'boards','where':{'op':'and','conditions':["
        + "{'op':'eq','field':'deadline','value':'+5874897-12-31'},"
        + "{'op':'eq','field':'createdAt','value':'" + LAST_INSTANT + "'},"
        + "{'op':'gte','field':'budget','value':'" + WIDEST_DECIMAL + "'}]}}")));
    assertThat(far.path("id").asText()).isEqualTo("far");
    assertThat(far.path("title").asText()).isEqualTo("\uD83D\uDE00 last");
    assertThat(far.path("deadline").asText()).isEqualTo("+5874897-12-31");
    assertThat(far.path("createdAt").asText()).isEqualTo(LAST_INSTANT_STORED);
    assertThat(new BigDecimal(far.path("budget").asText())).isEqualByComparingTo(WIDEST_DECIMAL);

    JsonNode early = only(fresh(json("{'collection':'boards','where':{'op':'and','conditions':["
        + "{'op':'eq','field':'deadline','value':'-4712-01-01'},"
        + "{'op':'eq','field':'createdAt','value':'" + FIRST_INSTANT + "'},"
        + "{'op':'lte','field':'budget','value':'-" + WIDEST_DECIMAL + "'}]}}")));
    assertThat(early.path("id").asText()).isEqualTo("early");
    assertThat(early.path("deadline").asText()).isEqualTo("-4712-01-01");
    assertThat(early.path("createdAt").asText()).isEqualTo(FIRST_INSTANT);
    assertThat(new BigDecimal(early.path("budget").asText())).isEqualByComparingTo("-" + WIDEST_DECIMAL);
  }

  @Test
  void numbersAtTheirEndsAndNestedValuesRoundTrip() {
    WsClient client = client("numbers");
    update(client, "tasks", "t1", "{'position':-2147483648,'revision':9223372036854775807,'estimate':-0.0,"
        + "'due':'" + LAST_INSTANT + "','labels':['\uD83D\uDE00','" + "x".repeat(1000) + "'],"
        + "'checklist':{'items':[{'text':'\uD83D\uDE00 nested','done':true}]}}");
    update(client, "tasks", "t2", "{'position':2147483647,'revision':-9223372036854775808,'estimate':'NaN'}");
    update(client, "tasks", "t3", "{'estimate':'-Infinity','due':'" + FIRST_INSTANT + "'}");

    JsonNode t1 = only(fresh(json("{'collection':'tasks','where':{'op':'eq','field':'revision','value':9223372036854775807}}")));
    assertThat(t1.path("position").asInt()).isEqualTo(Integer.MIN_VALUE);
    // H2 cannot keep -0.0; it is stored as 0.0 on every database.
    assertThat(t1.path("estimate").asDouble()).isEqualTo(0.0);
    assertThat(Double.doubleToRawLongBits(t1.path("estimate").asDouble())).isZero();
    assertThat(t1.path("due").asText()).isEqualTo(LAST_INSTANT_STORED);
    assertThat(t1.path("labels").get(0).asText()).isEqualTo("\uD83D\uDE00");
    assertThat(t1.path("checklist").path("items").get(0).path("text").asText()).isEqualTo("\uD83D\uDE00 nested");

    JsonNode t2 = only(fresh(json("{'collection':'tasks','where':{'op':'eq','field':'position','value':2147483647}}")));
    assertThat(t2.path("revision").asLong()).isEqualTo(Long.MIN_VALUE);
    assertThat(t2.path("estimate").asText()).isEqualTo("NaN");
    JsonNode t3 = only(fresh(json("{'collection':'tasks','where':{'op':'lte','field':'due','value':'" + FIRST_INSTANT + "'}}")));
    assertThat(t3.path("id").asText()).isEqualTo("t3");
    assertThat(t3.path("estimate").asText()).isEqualTo("-Infinity");
  }

  @Test
  void mutationValuesPastTheRangesAreInvalidWithTheirPathAndNothingIsWritten() {
    // A mutation that cannot be decoded is answered with an error, as any undecodable request.
    WsClient client = client("careless");
    assertError(client.mutate("update", "tasks", "\"t1\"", json("{'due':'" + FAR_INSTANT + "'}")),
        "value.due", "out of range");
    assertError(client.mutate("update", "tasks", "\"t1\"", json("{'due':'-4713-12-31T23:59:59.999999Z'}")),
        "value.due", "out of range");
    assertError(client.mutate("update", "boards", "\"b1\"", json("{'deadline':'+5874898-01-01'}")),
        "value.deadline", "dates from -4712-01-01 to +5874897-12-31");
    assertError(client.mutate("update", "boards", "\"b1\"", json("{'budget':'1E+1099'}")),
        "value.budget", "below 1E+1001");
    assertError(client.mutate("update", "boards", "\"b1\"", json("{'budget':'1" + "0".repeat(1099) + "'}")),
        "value.budget", "below 1E+1001");
    assertError(client.mutate("update", "boards", "\"b1\"", json("{'budget':'0." + "0".repeat(1000) + "1'}")),
        "value.budget", "1000 digits after the point");
    assertError(client.mutate("update", "tasks", "\"t1\"", "{\"title\":\"nul \\u0000 inside\"}"),
        "value.title", "U+0000");
    assertError(client.mutate("update", "tasks", "\"t1\"", "{\"labels\":[\"ok\",\"half \\ud83d\"]}"),
        "value.labels[1]", "unpaired surrogate");
    assertError(client.mutate("update", "tasks", "\"t1\"",
        "{\"checklist\":{\"items\":[{\"text\":\"\\u0000\",\"done\":false}]}}"),
        "value.checklist.items[0].text", "U+0000");
    assertError(client.mutate("insert", "boards", null, json("{'id':'b9','title':'x','teamId':'team1',"
        + "'deadline':null,'budget':null,'createdAt':'" + FAR_INSTANT + "'}")), "value.createdAt", "out of range");

    assertThat(store.find(BoardQuery.all().one("b9"))).isEmpty();
    assertThat(store.find(TaskQuery.all().one("t1")).orElseThrow().title()).isEqualTo("Write the launch post");
  }

  @Test
  void queryConditionValuesPastTheRangesAreInvalidWithTheirPath() {
    WsClient client = client("asker");
    JsonNode query = client.request("q1", json("{'type':'query','id':'q1','query':{'collection':'tasks',"
        + "'where':{'op':'lt','field':'due','value':'" + FAR_INSTANT + "'}}}"));
    assertError(query, "query.where.value", "out of range");
    JsonNode subscribe = client.request("s1", json("{'type':'subscribe','id':'s1','query':{'collection':'boards',"
        + "'where':{'op':'in','field':'deadline','values':['2026-01-01','+5874898-01-01']}}}"));
    assertError(subscribe, "query.where.values[1]", "out of range");
    JsonNode nested = client.request("q2", "{\"type\":\"query\",\"id\":\"q2\",\"query\":{\"collection\":\"tasks\","
        + "\"where\":{\"op\":\"or\",\"conditions\":[{\"op\":\"contains\",\"field\":\"title\",\"value\":\"\\u0000\"}]}}}");
    assertError(nested, "query.where.conditions[0].value", "U+0000");
    assertThat(server.subscriptionCount()).isZero();
  }

  @Test
  void procedureInputPastTheRangesIsInvalidAndTheEndItselfRuns() {
    WsClient client = client("caller");
    JsonNode refused = client.call("overdue", "\"" + FAR_INSTANT + "\"");
    assertError(refused, "input", "out of range");
    JsonNode atTheEnd = client.call("overdue", "\"" + LAST_INSTANT + "\"");
    assertThat(atTheEnd.path("type").asText()).as("reply %s", atTheEnd).isEqualTo("result");
  }

  @Test
  void httpRoutesRefuseValuesPastTheRangesWith400() {
    HttpResponse<String> query = post("/query", json("{'collection':'tasks','where':"
        + "{'op':'gte','field':'due','value':'" + FAR_INSTANT + "'}}"));
    assertHttpError(query, "where.value");
    assertHttpError(post("/call/overdue", "\"-5000-01-01T00:00:00Z\""), "input");
    assertThat(post("/call/overdue", "\"" + FIRST_INSTANT + "\"").statusCode()).isEqualTo(200);
  }

  @Test
  void valuesAProgramBuildsPastTheRangesAreInvalidNamingTheField() {
    assertUnstorable(() -> store.update("t1", TaskUpdate.of().due(Instant.MAX)), "due", "out of range");
    assertUnstorable(() -> store.update("t1", TaskUpdate.of().title("nul \u0000")), "title", "U+0000");
    assertUnstorable(() -> store.insert(BoardInsert.builder().id("b9").title("x").teamId("team1")
        .deadline(LocalDate.MAX).budget(null).createdAt(Instant.EPOCH).build()), "deadline", "out of range");
    assertUnstorable(() -> store.insert(BoardInsert.builder().id("b9").title("x").teamId("team1")
        .deadline(null).budget(new BigDecimal("1E+1001")).createdAt(Instant.EPOCH).build()), "budget", "out of range");
    assertUnstorable(() -> store.list(TaskQuery.where(Task_.due.lt(Instant.MIN))), "due", "out of range");
    assertThat(store.update("t1", TaskUpdate.of().due(ValueRanges.MAX_INSTANT)).due())
        .isEqualTo(Instant.parse(LAST_INSTANT_STORED));
  }

  private static void assertUnstorable(Runnable write, String field, String problem) {
    assertThatThrownBy(write::run).isInstanceOfSatisfying(StorageException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
      assertThat(e.field()).contains(field);
      assertThat(e.getMessage()).contains(field + ": ").contains(problem);
    });
  }

  private static JsonNode only(List<JsonNode> rows) {
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  private static void assertError(JsonNode reply, String path, String problem) {
    assertThat(reply.path("type").asText()).as("reply %s", reply).isEqualTo("error");
    assertThat(reply.path("error").path("code").asText()).as("reply %s", reply).isEqualTo("INVALID_VALUE");
    assertThat(reply.path("error").path("path").asText()).as("reply %s", reply).isEqualTo(path);
    assertThat(reply.path("error").path("message").asText()).contains(problem);
  }

  private static void assertHttpError(HttpResponse<String> response, String path) {
    assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(400);
    try {
      JsonNode error = WsClient.JSON.readTree(response.body()).path("error");
      assertThat(error.path("code").asText()).as("body %s", response.body()).isEqualTo("INVALID_VALUE");
      assertThat(error.path("path").asText()).as("body %s", response.body()).isEqualTo(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> post(String path, String body) {
    return HttpCalls.post(server, path, Map.of(), body);
  }
}

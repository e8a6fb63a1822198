package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.AuthContext;
import dev.live.auth.Rules;
import dev.live.examples.board.Role;
import dev.live.examples.board.TaskProcedures;
import dev.live.examples.board.TeamScope;
import dev.live.server.LiveServer;
import dev.live.storage.StoreOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What a client gets when a statement of its request runs past the store's statement timeout:
 * {@code TIMEOUT} with the limit named, in a rejected ack on the WebSocket and as HTTP 504 on the
 * routes; and the server answers the next requests as before. A row lock held by a connection of
 * the test holds the statement up.
 */
class StatementTimeoutRepliesTest extends ServerTestBase {
  private static final Duration TIMEOUT = Duration.ofMillis(300);

  @Override
  StoreOptions storeOptions() {
    return StoreOptions.builder().statementTimeout(TIMEOUT).build();
  }

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder.procedures(new TaskProcedures()).rules(Rules.none()).authenticate(handshake ->
        handshake.bearerToken().isPresent() ? TeamScope.member("u1", "team1", Role.ADMIN) : AuthContext.anonymous());
  }

  @Test
  void aMutationHeldPastTheTimeoutIsRejectedWithTimeoutAndTheServerGoesOn() throws Exception {
    WsClient client = client("c1");
    try (Connection holder = lockTask("t1")) {
      JsonNode ack = client.mutate("update", "tasks", "\"t1\"", json("{'title':'late'}"));
      assertThat(ack.path("status").asText()).as("ack: %s", ack).isEqualTo("rejected");
      assertThat(ack.path("error").path("code").asText()).isEqualTo("TIMEOUT");
      assertThat(ack.path("error").path("message").asText()).contains("statement timeout of 300 ms");
      holder.rollback();
    }
    update(client, "tasks", "t1", "{'title':'on time'}");
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void aCallHeldPastTheTimeoutIsAnsweredWith504() throws Exception {
    try (Connection holder = lockTask("t2")) {
      HttpResponse<String> response = post("/call/complete", json("{'taskId':'t2'}"));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
      assertThat(WsClient.JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("TIMEOUT");
      holder.rollback();
    }
    assertThat(post("/call/complete", json("{'taskId':'t2'}")).statusCode()).isEqualTo(200);
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  /** A connection of the test, outside Live, holding a lock on the task's row until it rolls back. */
  private Connection lockTask(String id) throws SQLException {
    Connection holder = database.connect();
    holder.setAutoCommit(false);
    try (Statement statement = holder.createStatement()) {
      statement.execute("UPDATE \"tasks\" SET \"title\" = \"title\" WHERE \"id\" = '" + id + "'");
    }
    return holder;
  }

  private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(route(path)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json").header("Authorization", "Bearer ann")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(route(path)).timeout(Duration.ofSeconds(20)).GET().build());
  }

  private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
        .send(request, HttpResponse.BodyHandlers.ofString());
  }

  private URI route(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + "/live" + path);
  }
}

package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.AuthContext;
import dev.live.server.LiveServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Client ids live in their user's namespace: naming another user's client id neither consumes
 * that client's mutation sequence nor closes its connection.
 */
class ClientIdentityTest extends ServerTestBase {
  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder.authenticate(handshake -> handshake.header("X-User").map(AuthContext::user)
        .orElse(AuthContext.anonymous()));
  }

  private WsClient as(String user, String clientId) {
    WsClient client = track(WsClient.connect(uri(), Map.of("X-User", user)));
    client.hello(clientId);
    return client;
  }

  @Test
  void anotherUserNamingTheSameClientIdHasItsOwnSequenceAndLeavesTheConnectionOpen() {
    WsClient ann = as("ann", "laptop");
    assertThat(ann.mutate(5, "update", "tasks", "\"t1\"", "{\"title\":\"Ann's\"}").path("status").asText())
        .isEqualTo("applied");

    WsClient mallory = as("mallory", "laptop");
    JsonNode first = mallory.mutate(1, "update", "tasks", "\"t2\"", "{\"title\":\"Mallory's\"}");
    assertThat(first.path("status").asText()).as("a sequence of its own: %s", first).isEqualTo("applied");
    JsonNode huge = mallory.mutate(1_000_000, "update", "tasks", "\"t2\"", "{\"title\":\"again\"}");
    assertThat(huge.path("status").asText()).isEqualTo("applied");

    // Ann's connection is still open, and her next sequence number still applies.
    JsonNode next = ann.mutate(6, "update", "tasks", "\"t1\"", "{\"title\":\"Ann's again\"}");
    assertThat(next.path("status").asText()).as("ann after mallory: %s", next).isEqualTo("applied");
    assertThat(ann.closed).isNotDone();
  }

  @Test
  void theSameUserReconnectingWithItsClientIdTakesOverAndSeesItsLastMutation() {
    WsClient first = as("ann", "phone");
    first.mutate(3, "update", "tasks", "\"t1\"", "{\"title\":\"three\"}");
    WsClient second = track(WsClient.connect(uri(), Map.of("X-User", "ann")));
    JsonNode welcome = second.hello("phone");
    assertThat(welcome.path("lastMutation").asLong()).isEqualTo(3);
    assertThat(first.closed.join()[0]).as("the earlier connection is closed").isEqualTo(1008);
    assertThat(second.mutate(3, "update", "tasks", "\"t1\"", "{\"title\":\"three again\"}").path("status").asText())
        .isEqualTo("duplicate");
  }
}

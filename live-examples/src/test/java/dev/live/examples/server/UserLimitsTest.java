package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.Rules;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One user's subscriptions and distinct queries are bounded across all their connections, those
 * kept for a dropped connection to resume included; another user is not affected.
 */
class UserLimitsTest extends ServerTestBase {
  private static final String B1 = json("{'collection':'tasks','where':{'field':'boardId','op':'eq','value':'b1'}}");
  private static final String B2 = json("{'collection':'tasks','where':{'field':'boardId','op':'eq','value':'b2'}}");
  private static final String B3 = json("{'collection':'tasks','where':{'field':'boardId','op':'eq','value':'b3'}}");

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder.rules(Rules.none())
        .authenticate(ServerTestBase::bearerUser)
        .options(ServerOptions.builder().maxSubscriptionsPerUser(3).maxQueriesPerUser(2).build());
  }

  private WsClient as(String user, String clientId) {
    WsClient client = track(WsClient.connect(uri(), Map.of("Authorization", "Bearer " + user)));
    client.hello(clientId);
    return client;
  }

  @Test
  void aUsersSubscriptionsAreCountedAcrossConnectionsAndWhileParked() throws Exception {
    WsClient first = as("ann", "ann-1");
    WsClient second = as("ann", "ann-2");
    assertSnapshot(first.subscribe("s1", B1));
    assertSnapshot(first.subscribe("s2", B1));
    assertSnapshot(second.subscribe("s3", B2));

    assertLimit(second.subscribe("s4", B1), "at most 3 subscriptions");
    assertSnapshot(as("bob", "bob-1").subscribe("s1", B1));

    // The first connection drops: its subscriptions wait for it to resume, and still count.
    first.abort();
    WsClient third = as("ann", "ann-3");
    assertLimit(third.subscribe("s5", B2), "at most 3 subscriptions");
    second.request("s3", json("{'type':'unsubscribe','id':'s3'}"));
    assertSnapshot(third.subscribe("s5", B2));
  }

  @Test
  void aUsersDistinctQueriesAreBoundedAndARepeatedOneCountsOnce() {
    WsClient ann = as("ann", "ann-1");
    assertSnapshot(ann.subscribe("s1", B1));
    assertSnapshot(ann.subscribe("s2", B2));

    assertLimit(ann.subscribe("s3", B3), "at most 2 different queries");
    assertSnapshot(ann.subscribe("s3", B1));
    assertSnapshot(as("bob", "bob-1").subscribe("s1", B3));
  }

  private static void assertSnapshot(JsonNode reply) {
    assertThat(reply.path("type").asText()).as("reply: %s", reply).isEqualTo("snapshot");
  }

  private static void assertLimit(JsonNode reply, String message) {
    assertThat(reply.path("type").asText()).as("reply: %s", reply).isEqualTo("error");
    assertThat(reply.path("error").path("code").asText()).isEqualTo("LIMIT_EXCEEDED");
    assertThat(reply.path("error").path("message").asText()).contains(message);
  }
}

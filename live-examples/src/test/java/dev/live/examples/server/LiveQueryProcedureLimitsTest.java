package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.AuthContext;
import dev.live.auth.Rules;
import dev.live.examples.board.BoardQueries;
import dev.live.query.QueryLimits;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The query a live query procedure builds keeps within the server's query limits, like a
 * client's: here at most 4 conditions, order keys and includes. {@code openTasks} has 5 (and, eq,
 * ne, two order keys); {@code myTasks} has 4.
 */
class LiveQueryProcedureLimitsTest extends ServerTestBase {
  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder
        .authenticate(handshake -> AuthContext.user("u2"))
        .rules(Rules.none())
        .procedures(new BoardQueries())
        .options(ServerOptions.builder().queryLimits(new QueryLimits(16, 4, 1_000, 10_000, 4)).build());
  }

  @Test
  void aProcedureQueryBeyondTheLimitsIsRefusedOnSubscribeAndCall() {
    WsClient client = track(WsClient.connect(uri(), Map.of()));
    client.hello(null);
    JsonNode refused = client.request("s", json("{'type':'subscribe','id':'s','procedure':'openTasks','input':'b1'}"));
    assertThat(refused.path("type").asText()).as("reply %s", refused).isEqualTo("error");
    assertThat(refused.path("error").path("code").asText()).isEqualTo("LIMIT_EXCEEDED");
    assertThat(refused.path("error").path("message").asText())
        .startsWith("the query procedure 'openTasks' built is beyond the server's query limits: ")
        .contains("more than 4 conditions, order keys and includes");
    JsonNode call = client.call("openTasks", "\"b1\"");
    assertThat(call.path("error").path("code").asText()).as("reply %s", call).isEqualTo("LIMIT_EXCEEDED");

    JsonNode within = client.request("m", json("{'type':'subscribe','id':'m','procedure':'myTasks'}"));
    assertThat(within.path("type").asText()).as("reply %s", within).isEqualTo("snapshot");
    assertThat(within.path("rows")).extracting(row -> row.path("id").asText()).containsExactly("t3");
  }
}

package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.auth.AuthContext;
import dev.live.auth.Rules;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.examples.logs.CapturedStderr;
import dev.live.examples.board.Task_;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tokens and message bodies never reach the logs: a refused token, bad messages, a rule that
 * throws and a client closed for its rate all get logged (the test checks they were), without the
 * secret they carried.
 */
class LogSecrecyTest extends ServerTestBase {
  private static final String TOKEN = "SECRET-TOKEN-7f31";
  private static final String BODY = "SECRET-BODY-c9e2";

  @RegisterExtension
  final CapturedStderr log = new CapturedStderr();

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder
        .authenticate(handshake -> {
          String token = handshake.bearerToken().orElse("");
          if (token.equals("good")) {
            return AuthContext.user("u1");
          }
          // An authenticator that puts the token into its message, as careless ones do.
          throw new LiveException(ErrorCode.UNAUTHENTICATED, "unknown token " + token);
        })
        .rules(Rules.builder()
            .update(Task_.COLLECTION, (auth, before, after, changed) -> {
              // Applications' own exception messages are logged as they are (docs/configuration.md).
              throw new IllegalStateException("rule backend down");
            })
            .build())
        .options(ServerOptions.builder().messagesPerSecond(5).messageBurst(5).rateLimitStrikes(3).build());
  }


  @Test
  void secretsCarriedByRefusedAndFailingRequestsAreNotLogged() {
    assertThatThrownBy(() -> WsClient.connect(uri(), Map.of("Authorization", "Bearer " + TOKEN)))
        .as("the forged token is refused").isNotNull();
    WsClient client = track(WsClient.connect(uri(), Map.of("Authorization", "Bearer good")));
    client.hello("c1");
    client.request("x1", "{\"type\":\"dance\",\"id\":\"x1\",\"" + BODY + "\":1}");
    client.request("x2", "{\"type\":\"ping\",\"id\":\"x2\",\"" + BODY + "\"");
    client.request("x3", WsClient.mutation("x3", 1, "update", "tasks", "\"t1\"", "{\"title\":\"" + BODY + "\"}"));
    for (int i = 0; i < 20 && !client.closed.isDone(); i++) {
      try {
        client.send("{\"type\":\"query\",\"id\":\"q" + i + "\",\"query\":{\"collection\":\"tasks\",\"id\":\"" + BODY + "\"}}");
      } catch (java.util.concurrent.CompletionException closedMeanwhile) {
        break; // the server closed the connection for its rate: what this part is for
      }
    }
    client.closed.join();

    String logs = log.text();
    assertThat(logs).as("the refusals were logged").contains("authentication refused").contains("update rule")
        .contains("rate limit");
    assertThat(logs).doesNotContain(TOKEN).doesNotContain(BODY);
  }
}

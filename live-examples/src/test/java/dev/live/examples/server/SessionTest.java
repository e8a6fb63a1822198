package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.auth.AuthContext;
import dev.live.auth.Rules;
import dev.live.server.LiveServer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sessions end: a connection whose credentials expire is closed with 1008, expired credentials
 * are refused at the upgrade, and the server can end every session of one user.
 */
class SessionTest extends ServerTestBase {
  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    // Tokens are "<user>" or "<user>@<epoch millis when it expires>".
    return builder.rules(Rules.none()).authenticate(handshake -> handshake.bearerToken().map(token -> {
      String[] parts = token.split("@");
      AuthContext user = AuthContext.user(parts[0]);
      return parts.length == 1 ? user : user.expiringAt(Instant.ofEpochMilli(Long.parseLong(parts[1])));
    }).orElse(AuthContext.anonymous()));
  }

  private WsClient as(String token) {
    WsClient client = track(WsClient.connect(uri(), Map.of("Authorization", "Bearer " + token)));
    client.hello(null);
    return client;
  }

  @Test
  void aConnectionIsClosedWhenItsSessionExpires() throws Exception {
    long expiry = System.currentTimeMillis() + 1_500;
    WsClient expiring = as("ann@" + expiry);
    WsClient lasting = as("bob");
    int code = expiring.closed.get(10, TimeUnit.SECONDS)[0];
    assertThat(System.currentTimeMillis()).as("not before the expiry").isGreaterThanOrEqualTo(expiry);
    assertThat(code).isEqualTo(1008);
    assertThat(expiring.closeReason.get(1, TimeUnit.SECONDS)).contains("expired");
    assertThat(lasting.request("p", "{\"type\":\"ping\",\"id\":\"p\"}").path("type").asText()).isEqualTo("pong");
  }

  @Test
  void expiredCredentialsAreRefusedAtTheUpgrade() {
    assertThatThrownBy(() -> WsClient.connect(uri(), Map.of("Authorization", "Bearer ann@" + (System.currentTimeMillis() - 1))))
        .hasStackTraceContaining("401");
  }

  @Test
  void theServerEndsEverySessionOfOneUser() throws Exception {
    WsClient ann1 = as("ann");
    WsClient ann2 = as("ann");
    WsClient bob = as("bob");
    ann1.subscribe("s1", json("{'collection':'tasks'}"));
    assertThat(server.endSessions("ann")).isEqualTo(2);
    assertThat(ann1.closed.get(10, TimeUnit.SECONDS)[0]).isEqualTo(1008);
    assertThat(ann2.closed.get(10, TimeUnit.SECONDS)[0]).isEqualTo(1008);
    assertThat(ann1.closeReason.get(1, TimeUnit.SECONDS)).contains("ended this user's sessions");
    assertThat(bob.request("p", "{\"type\":\"ping\",\"id\":\"p\"}").path("type").asText()).isEqualTo("pong");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> server.subscriptionCount() == 0); // nothing kept for ann to resume
  }
}

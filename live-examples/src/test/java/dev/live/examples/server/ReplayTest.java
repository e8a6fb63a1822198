package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.AuthContext;
import dev.live.auth.Rules;
import dev.live.examples.board.Task_;
import dev.live.server.LiveServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A mutation captured from one user's connection and replayed under another user's token is that
 * other user's request: the write rules judge it as theirs, and it does not use up the first
 * user's sequence number, so the real client's own sending of it still applies, once.
 */
class ReplayTest extends ServerTestBase {
  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder
        .authenticate(ServerTestBase::bearerUser)
        // A task's title is changed by its assignee only (t1 is assigned to u1).
        .rules(Rules.builder()
            .update(Task_.COLLECTION, (auth, before, after, changed) -> auth.userId().equals(java.util.Optional.ofNullable(before.assigneeId())))
            .build());
  }

  @Test
  void aMutationReplayedUnderAnotherUsersTokenIsRefusedAndSpendsNothingOfTheOwners() {
    String captured = WsClient.mutation("m1", 1, "update", "tasks", "\"t1\"", "{\"title\":\"Replayed\"}");

    WsClient attacker = track(WsClient.connect(uri(), Map.of("Authorization", "Bearer u2")));
    attacker.hello("laptop"); // even naming the owner's client id
    attacker.send(captured);
    JsonNode refused = attacker.next(m -> m.path("id").asText().equals("m1"));
    assertThat(refused.path("status").asText()).as("%s", refused).isEqualTo("rejected");
    assertThat(refused.path("error").path("code").asText()).isEqualTo("FORBIDDEN");
    assertThat(fresh(json("{'collection':'tasks','id':'t1'}")).get(0).path("title").asText()).isNotEqualTo("Replayed");

    WsClient owner = track(WsClient.connect(uri(), Map.of("Authorization", "Bearer u1")));
    owner.hello("laptop");
    owner.send(captured);
    JsonNode applied = owner.next(m -> m.path("id").asText().equals("m1"));
    assertThat(applied.path("status").asText()).as("the owner's seq 1 is still unused: %s", applied).isEqualTo("applied");
    assertThat(server.lastMutation(AuthContext.user("u1"), "laptop")).isEqualTo(1);
    assertThat(server.lastMutation(AuthContext.user("u2"), "laptop")).as("the refused replay recorded nothing").isZero();
  }
}

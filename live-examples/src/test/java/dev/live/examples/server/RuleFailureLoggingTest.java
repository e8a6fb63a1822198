package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.Rules;
import dev.live.examples.logs.CapturedStderr;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.Task_;
import dev.live.server.LiveServer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rule that throws refuses the read or the write, and its author learns why at the default
 * level: a WARN with the rule's exception and stack trace, once per rule however often clients run
 * into it (a client can send such requests over and over).
 */
class RuleFailureLoggingTest extends ServerTestBase {
  private static final String CAUSE = "rule backend down: tasks-7d1e";
  private static final int READS = 20;

  @RegisterExtension
  final CapturedStderr log = new CapturedStderr();

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder.rules(Rules.builder()
        .read(Task_.COLLECTION, auth -> {
          throw new IllegalStateException(CAUSE);
        })
        .insert(Comment_.COLLECTION, (auth, row) -> {
          throw new IllegalStateException(CAUSE);
        })
        .build());
  }


  @Test
  void aThrowingReadRuleIsLoggedWithItsCauseOnceForManyRefusedReads() {
    WsClient client = client("c1");
    for (int i = 0; i < READS; i++) {
      String id = "q" + i;
      JsonNode reply = client.request(id, "{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"query\":{\"collection\":\"tasks\"}}");
      assertThat(reply.path("error").path("code").asText()).as("reply %s", reply).isEqualTo("FORBIDDEN");
    }

    String logs = log.text();
    String[] reports = Arrays.stream(logs.split("\n"))
        .filter(line -> line.contains("WARN") && line.contains("the read rule of tasks failed")).toArray(String[]::new);
    assertThat(reports).as("WARN reports of the failing rule in:\n%s", logs).hasSize(1);
    assertThat(logs).as("the cause and its stack trace")
        .contains("java.lang.IllegalStateException: " + CAUSE)
        .contains("at dev.live.examples.server.RuleFailureLoggingTest");
  }

  @Test
  void aThrowingWriteRuleIsLoggedWithItsCauseOnceForManyRefusedWrites() {
    WsClient client = client("c1");
    for (int i = 0; i < READS; i++) {
      JsonNode ack = client.mutate("insert", "comments", null, json("{'id':'00000000-0000-0000-0000-0000000000" + (10 + i) + "','taskId':'t1','authorId':'u1',"
          + "'body':'hi','createdAt':'2026-12-01T10:00:00Z'}"));
      assertThat(ack.path("error").path("code").asText()).as("ack %s", ack).isEqualTo("FORBIDDEN");
    }

    String logs = log.text();
    String[] reports = Arrays.stream(logs.split("\n"))
        .filter(line -> line.contains("WARN") && line.contains("the insert rule of comments failed")).toArray(String[]::new);
    assertThat(reports).as("WARN reports of the failing rule in:\n%s", logs).hasSize(1);
    assertThat(logs).contains("java.lang.IllegalStateException: " + CAUSE);
  }
}

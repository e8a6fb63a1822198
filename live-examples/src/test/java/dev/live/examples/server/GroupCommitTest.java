package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.Rules;
import dev.live.examples.board.Task_;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Mutations sent at the same time by many clients commit in groups (one transaction for the
 * mutations waiting together), and still behave as if each had committed alone: a refused one
 * rolls back by itself, each applied one is acknowledged with the version of its own change, and
 * a client's mutations apply in the order it sent them.
 */
class GroupCommitTest extends ServerTestBase {
  private static final int CLIENTS = 16;
  private static final int MUTATIONS_EACH = 12;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder
        .rules(Rules.builder().insert(Task_.COLLECTION, (auth, task) -> !task.title().equals("refused")).build())
        // The clients below send everything at once: far above the default burst.
        .options(ServerOptions.builder().messagesPerSecond(100_000).messageBurst(100_000).build())
        .metrics(registry);
  }

  @Test
  void concurrentMutationsCommitInGroupsYetEachIsAnsweredAsIfAlone() throws Exception {
    List<WsClient> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      clients.add(client("writer" + c));
    }
    ExecutorService senders = Executors.newFixedThreadPool(CLIENTS);
    List<Future<List<JsonNode>>> acks = new ArrayList<>();
    try {
      for (int c = 0; c < CLIENTS; c++) {
        int writer = c;
        acks.add(senders.submit(() -> sendAllThenCollect(clients.get(writer), writer)));
      }
      Set<Long> versions = new HashSet<>();
      int applied = 0;
      for (int c = 0; c < CLIENTS; c++) {
        List<JsonNode> answers = acks.get(c).get(60, TimeUnit.SECONDS);
        long previous = 0;
        for (int m = 0; m < MUTATIONS_EACH; m++) {
          JsonNode ack = answers.get(m);
          if (refused(m)) {
            assertThat(ack.path("status").asText()).as("ack %s", ack).isEqualTo("rejected");
            assertThat(ack.path("error").path("code").asText()).as("ack %s", ack).isEqualTo("FORBIDDEN");
            continue;
          }
          assertThat(ack.path("status").asText()).as("ack %s", ack).isEqualTo("applied");
          long version = ack.path("version").asLong();
          assertThat(version).as("a client's mutations apply in its order: %s", ack).isGreaterThan(previous);
          assertThat(versions.add(version)).as("each ack names its own change's version: %s", ack).isTrue();
          previous = version;
          applied++;
        }
      }
      List<String> stored = fresh(json("{'collection':'tasks','where':{'op':'eq','field':'boardId','value':'b1'}}"))
          .stream().map(row -> row.path("id").asText()).filter(id -> id.startsWith("w")).toList();
      assertThat(stored).as("exactly the allowed rows").hasSize(applied).allMatch(id -> id.endsWith("-ok"));
      double groups = registry.get("live.mutation.groups").functionCounter().count();
      assertThat(groups).as("mutations waiting together share a commit")
          .isPositive().isLessThan(CLIENTS * MUTATIONS_EACH);
      assertThat(registry.get("live.mutations").functionCounter().count()).isEqualTo(applied);
    } finally {
      senders.shutdownNow();
    }
  }

  /** Sends every mutation without waiting, then returns the acks in the order of the mutations. */
  private static List<JsonNode> sendAllThenCollect(WsClient client, int writer) {
    for (int m = 0; m < MUTATIONS_EACH; m++) {
      String id = "w" + writer + "m" + m + (refused(m) ? "-no" : "-ok");
      String row = task(id, "b1", "TODO", m).replace("'title':'Task " + id + "'",
          refused(m) ? "'title':'refused'" : "'title':'allowed'");
      client.send(WsClient.mutation("a" + m, m + 1, "insert", "tasks", null, json(row)));
    }
    List<JsonNode> answers = new ArrayList<>();
    for (int m = 0; m < MUTATIONS_EACH; m++) {
      String id = "a" + m;
      answers.add(client.next(message -> message.path("id").asText().equals(id)));
    }
    return answers;
  }

  private static boolean refused(int mutation) {
    return mutation % 3 == 1;
  }
}

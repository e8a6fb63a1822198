package dev.live.examples.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.live.client.ClientOptions;
import dev.live.client.LiveClient;
import dev.live.examples.board.AppSchema;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client does not send again a mutation it first sent longer ago than the server keeps client
 * records ({@code welcome.clientRetention}): the server may have applied it and forgotten it since.
 * The client starts from an outbox file that a client wrote before, with mutations of several
 * ages, and talks to a stand-in server that answers hello with the welcome the test chooses and
 * records what the client sends.
 */
class ExpiredMutationTest {
  private static final long HOUR = 3_600_000L;

  @TempDir
  Path directory;
  private StandInServer server;
  private LiveClient client;

  @BeforeEach
  void startServer() throws Exception {
    server = StandInServer.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  @Test
  void mutationsSentLongerAgoThanTheRetentionAreNotSentAgain() throws Exception {
    server.welcome(welcome(",\"clientRetention\":" + HOUR));
    Path outbox = outbox();
    client = connect(outbox);

    await().atMost(Duration.ofSeconds(15)).until(() -> sent(6));
    assertThat(sent(5)).as("first sent two hours ago, past the retention of one").isFalse();
    assertThat(sent(4)).as("kept by an older client without the time it was sent").isFalse();
    assertThat(client.pendingMutations()).as("only the recent one waits for its answer").isEqualTo(1);
    String kept = Files.readString(outbox, StandardCharsets.UTF_8);
    assertThat(kept).contains("\"seq\":6").doesNotContain("\"seq\":5").doesNotContain("\"seq\":4");
  }

  @Test
  void aServerThatStatesNoRetentionGetsEveryMutationAgain() throws Exception {
    server.welcome(welcome(""));
    client = connect(outbox());

    await().atMost(Duration.ofSeconds(15)).until(() -> sent(4) && sent(5) && sent(6));
    assertThat(client.pendingMutations()).isEqualTo(3);
  }

  private LiveClient connect(Path outbox) {
    return LiveClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/live"), AppSchema.INSTANCE,
        ClientOptions.builder().outboxFile(outbox).connectTimeout(Duration.ofSeconds(10)).build());
  }

  /** An outbox file with three sent, unanswered updates: of unknown age, two hours old, a minute old. */
  private Path outbox() throws Exception {
    long now = System.currentTimeMillis();
    Path file = directory.resolve("outbox.json");
    Files.writeString(file, "{\"clientId\":\"returning\",\"mutations\":[" + update(4, 0) + ","
        + update(5, now - 2 * HOUR) + "," + update(6, now - 60_000) + "]}", StandardCharsets.UTF_8);
    return file;
  }

  private static String update(long seq, long sentAt) {
    String title = "title " + seq;
    String body = "\\\"op\\\":\\\"update\\\",\\\"collection\\\":\\\"tasks\\\",\\\"key\\\":\\\"t1\\\","
        + "\\\"value\\\":{\\\"title\\\":\\\"" + title + "\\\"}";
    return "{\"seq\":" + seq + (sentAt == 0 ? "" : ",\"sentAt\":" + sentAt) + ",\"kind\":\"UPDATE\","
        + "\"collection\":\"tasks\",\"key\":\"t1\",\"value\":{\"title\":\"" + title + "\"},\"body\":\"" + body + "\"}";
  }

  private static String welcome(String extra) {
    return "{\"type\":\"welcome\",\"id\":\"hello\",\"protocol\":1,\"clientId\":\"returning\",\"lastMutation\":0,"
        + "\"version\":0,\"rate\":{\"messagesPerSecond\":1000,\"burst\":1000}" + extra + "}";
  }

  private boolean sent(long seq) {
    return server.received().stream().anyMatch(text -> text.contains("\"type\":\"mutate\"") && text.contains("\"seq\":" + seq + ","));
  }
}

package dev.live.examples.board;

import dev.live.server.LiveServer;
import dev.live.storage.Database;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The board served live: a server on the H2 file, a WebSocket client that subscribes to the open
 * tasks of a board, and writes through the server's data API arriving at the client as deltas.
 */
final class ServerTour {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private ServerTour() {}

  static void run(PrintStream out, Path file) throws InterruptedException {
    try (LiveServer server = LiveServer.builder()
        .schema(AppSchema.INSTANCE)
        .database(Database.h2File(file))
        .host("127.0.0.1")
        .port(0)
        .start()) {
      URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/live");
      out.println("server: " + uri);
      LinkedBlockingQueue<String> inbox = new LinkedBlockingQueue<>();
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(uri, new Collector(inbox)).join();
      socket.sendText("{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1}", true).join();
      out.println("< " + next(inbox));
      socket.sendText("{\"type\":\"subscribe\",\"id\":\"open\",\"query\":"
          + TaskQuery.where(Task_.boardId.eq("b1")).and(Task_.status.ne(Status.DONE))
              .orderBy(Task_.position.asc()).toJson() + "}", true).join();
      out.println("< " + shortened(next(inbox)));
      String id = "t-" + System.currentTimeMillis();
      server.data().insert(TaskInsert.builder().id(id).boardId("b1").title("Try Live").status(Status.TODO)
          .position(0).estimate(0.5).revision(1).labels(List.of()).build());
      out.println("inserted " + id + " through server.data()");
      out.println("< " + shortened(next(inbox)));
      server.data().update(id, TaskUpdate.of().status(Status.DONE).revision(2));
      out.println("marked " + id + " done");
      out.println("< " + next(inbox));
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }
  }

  private static String next(LinkedBlockingQueue<String> inbox) throws InterruptedException {
    String message = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (message == null) {
      throw new IllegalStateException("the server sent nothing within " + WAIT);
    }
    return message;
  }

  private static String shortened(String message) {
    return message.length() <= 200 ? message : message.substring(0, 197) + "...";
  }

  /** Hands every text message to a queue. */
  private static final class Collector implements WebSocket.Listener {
    private final LinkedBlockingQueue<String> inbox;
    private final StringBuilder partial = new StringBuilder();

    Collector(LinkedBlockingQueue<String> inbox) {
      this.inbox = inbox;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        inbox.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}

package dev.live.benchmarks.neighbour;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One connection of a board client in the load process, on the JDK's WebSocket client: signs in
 * with a bearer token, says {@code hello}, sends texts one after another (the JDK client takes
 * one send at a time) and hands every text it receives, whole, to {@code onMessage}, on the
 * client's own thread (so it must be quick). A client of its own per connection, so that one
 * connection's flood is read on another thread than the other's messages.
 */
final class WireClient {
  private static final Pattern NUMBER_AFTER = Pattern.compile("\"messagesPerSecond\":(\\d+)");

  private final WebSocket socket;
  private final CompletableFuture<String> welcome = new CompletableFuture<>();
  final CompletableFuture<String> closed = new CompletableFuture<>();
  private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

  private WireClient(URI uri, String token, Consumer<String> onMessage) throws Exception {
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token)
        .buildAsync(uri, new Listener(onMessage)).get(30, TimeUnit.SECONDS);
  }

  /** Connects as the holder of {@code token}, says hello with {@code clientId}; returns once welcomed. */
  static WireClient open(URI uri, String token, String clientId, Consumer<String> onMessage) throws Exception {
    WireClient client = new WireClient(uri, token, onMessage);
    client.send("{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1,\"clientId\":\"" + clientId + "\"}");
    client.welcome.get(30, TimeUnit.SECONDS);
    return client;
  }

  /** The messages per second the welcome allows this client. */
  int messagesPerSecond() {
    Matcher matcher = NUMBER_AFTER.matcher(welcome.join());
    if (!matcher.find()) {
      throw new IllegalStateException("no rate in the welcome: " + welcome.join());
    }
    return Integer.parseInt(matcher.group(1));
  }

  synchronized void send(String text) {
    sending = sending.thenCompose(ignored -> socket.sendText(text, true));
  }

  /** Closes normally (1000): the server ends the connection's subscriptions at once. */
  void close() {
    try {
      synchronized (this) {
        sending = sending.thenCompose(ignored -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
      }
      closed.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // a close that does not complete is cut off below
    } finally {
      socket.abort();
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final Consumer<String> onMessage;
    private final StringBuilder partial = new StringBuilder();

    Listener(Consumer<String> onMessage) {
      this.onMessage = onMessage;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        if (!welcome.isDone()) {
          if (text.startsWith("{\"type\":\"welcome\"")) {
            welcome.complete(text);
          } else {
            welcome.completeExceptionally(new IllegalStateException("hello refused: " + text));
          }
        } else {
          onMessage.accept(text);
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode + " " + reason);
      welcome.completeExceptionally(new IllegalStateException("closed before the welcome: " + statusCode + " " + reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete("error " + error);
      welcome.completeExceptionally(error);
    }
  }
}

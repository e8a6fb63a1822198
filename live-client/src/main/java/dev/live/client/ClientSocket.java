package dev.live.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One WebSocket connection of the client, over the JDK's {@link WebSocket}: whole text messages
 * in, sends one after another out (the JDK allows one outstanding send), and a way to drop it.
 * Everything it hears goes to its {@link Events}, on the JDK's threads; the client hands them to
 * its own loop.
 */
final class ClientSocket {
  /** What a socket reports. */
  interface Events {
    void text(ClientSocket socket, String text);

    void closed(ClientSocket socket, int code, String reason);
  }

  /** Opens a connection to a node whose events go to the given {@link Events}: {@link #open}, or a test's own. */
  interface Opener {
    CompletableFuture<ClientSocket> open(URI node, Events events);
  }

  private final WebSocket webSocket;
  private final Events events;
  private final java.util.concurrent.atomic.AtomicBoolean sendFailed = new java.util.concurrent.atomic.AtomicBoolean();
  private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
  /**
   * Whether its end was reported to the client; only the client's loop touches it. The report can
   * reach the loop before the open does (see {@link Receiver#onClose}), and a socket whose end was
   * reported must not be taken as the connection then: no other report would come for it.
   */
  boolean endReported;

  ClientSocket(WebSocket webSocket, Events events) {
    this.webSocket = webSocket;
    this.events = events;
  }

  /** Opens a connection to {@code uri}, with {@code headers} asked for now. */
  static CompletableFuture<ClientSocket> open(HttpClient http, URI uri, Map<String, Supplier<String>> headers,
      Duration timeout, Events events) {
    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(timeout);
    headers.forEach((name, value) -> builder.header(name, value.get()));
    Receiver receiver = new Receiver(events);
    return builder.buildAsync(uri, receiver).thenApply(webSocket -> {
      ClientSocket socket = new ClientSocket(webSocket, events);
      receiver.opened(socket);
      return socket;
    });
  }

  /**
   * Queues {@code text} behind earlier sends. A failed send drops the connection and reports its
   * end: the JDK does not always report it (a reset just after the upgrade can close the output
   * with no {@code onError} to follow), and a client that never hears of it would wait forever
   * for the answer to its hello.
   */
  synchronized void send(String text) {
    sending = sending.thenCompose(ignored -> webSocket.sendText(text, true)).whenComplete((ignored, error) -> {
      if (error != null) {
        abort();
        if (sendFailed.compareAndSet(false, true)) {
          events.closed(this, 1006, "sending failed: " + error);
        }
      }
    });
  }

  /** Closes normally: the server ends this client's subscriptions at once rather than keeping them to resume. */
  synchronized void close() {
    sending.whenComplete((ignored, error) -> webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
        .orTimeout(2, java.util.concurrent.TimeUnit.SECONDS)
        .whenComplete((done, failure) -> webSocket.abort()));
  }

  /** Drops the connection at once, without a close handshake. */
  void abort() {
    webSocket.abort();
  }

  /** Assembles text messages from their fragments and reports them and the end. */
  private static final class Receiver implements WebSocket.Listener {
    private final Events events;
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<ClientSocket> socket = new CompletableFuture<>();

    Receiver(Events events) {
      this.events = events;
    }

    void opened(ClientSocket opened) {
      socket.complete(opened);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        // Messages may come before buildAsync's future completes: wait for the socket object.
        socket.thenAccept(opened -> events.text(opened, text));
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      socket.thenAccept(opened -> events.closed(opened, statusCode, reason));
      webSocket.abort();
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      socket.thenAccept(opened -> events.closed(opened, 1006, String.valueOf(error)));
    }
  }
}

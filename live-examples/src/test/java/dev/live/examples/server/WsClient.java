package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A bare WebSocket client speaking the protocol by hand, as a third-party client would: it sends
 * text and keeps every message it receives, in order, as a JSON tree.
 */
final class WsClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(10);

  private final WebSocket socket;
  private Listener listener;
  private final List<JsonNode> all = new ArrayList<>();
  private final Set<Integer> taken = new HashSet<>();
  final CompletableFuture<int[]> closed = new CompletableFuture<>();
  final CompletableFuture<String> closeReason = new CompletableFuture<>();
  private volatile java.util.function.Consumer<JsonNode> observer;
  private int nextSeq = 1;
  private int nextId = 1;

  private WsClient(WebSocket socket) {
    this.socket = socket;
  }

  static WsClient connect(URI uri) {
    return connect(uri, Map.of());
  }

  static WsClient connect(URI uri, Map<String, String> headers) {
    Listener listener = new Listener();
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
    headers.forEach(builder::header);
    WebSocket socket = builder.buildAsync(uri, listener).join();
    WsClient client = new WsClient(socket);
    listener.client = client;
    client.listener = listener;
    client.flushEarly(listener);
    return client;
  }

  /** Connects and says hello; returns the client once welcomed. */
  static WsClient open(URI uri, String clientId) {
    WsClient client = connect(uri);
    client.hello(clientId);
    return client;
  }

  JsonNode hello(String clientId) {
    send("{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1" + (clientId == null ? "" : ",\"clientId\":\"" + clientId + "\"") + "}");
    JsonNode welcome = next(m -> m.path("id").asText().equals("h"));
    assertThat(welcome.path("type").asText()).as("reply to hello: %s", welcome).isEqualTo("welcome");
    return welcome;
  }

  void send(String text) {
    socket.sendText(text, true).join();
  }

  void sendBinary(byte[] bytes) {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
  }

  /** Subscribes and returns the snapshot. */
  JsonNode subscribe(String id, String query) {
    send("{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"query\":" + query + "}");
    return next(m -> m.path("id").asText().equals(id) && !m.path("type").asText().equals("delta"));
  }

  /** Sends a mutation with the next sequence number and returns its ack. */
  JsonNode mutate(String op, String collection, String key, String value) {
    return mutate(nextSeq++, op, collection, key, value);
  }

  JsonNode mutate(long seq, String op, String collection, String key, String value) {
    String id = "m" + nextId++;
    send(mutation(id, seq, op, collection, key, value));
    return next(m -> m.path("id").asText().equals(id));
  }

  static String mutation(String id, long seq, String op, String collection, String key, String value) {
    return "{\"type\":\"mutate\",\"id\":\"" + id + "\",\"seq\":" + seq + ",\"op\":\"" + op + "\",\"collection\":\""
        + collection + "\"" + (key == null ? "" : ",\"key\":" + key) + (value == null ? "" : ",\"value\":" + value) + "}";
  }

  /** Calls a procedure and returns the reply. */
  JsonNode call(String procedure, String input) {
    String id = "c" + nextId++;
    send("{\"type\":\"call\",\"id\":\"" + id + "\",\"procedure\":\"" + procedure + "\""
        + (input == null ? "" : ",\"input\":" + input) + "}");
    return next(m -> m.path("id").asText().equals(id));
  }

  /** Sends {@code text} and returns the first message that answers it by {@code id}. */
  JsonNode request(String id, String text) {
    send(text);
    return next(m -> m.path("id").asText().equals(id));
  }

  /**
   * The first received message matching {@code match} that no earlier call returned, waiting up
   * to {@link #WAIT}. Messages it passes over stay available to later calls.
   */
  JsonNode next(Predicate<JsonNode> match) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (all) {
      while (true) {
        for (int i = 0; i < all.size(); i++) {
          if (!taken.contains(i) && match.test(all.get(i))) {
            taken.add(i);
            return all.get(i);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no matching message within " + WAIT + "; received: " + all);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(all, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }
  }

  /** Every message received so far, in order. */
  List<JsonNode> received() {
    synchronized (all) {
      return List.copyOf(all);
    }
  }

  /** The messages of subscription {@code id} (snapshots and deltas) received so far. */
  List<JsonNode> messagesOf(String id) {
    return received().stream().filter(m -> m.path("id").asText().equals(id)).toList();
  }

  private void flushEarly(Listener listener) {
    synchronized (listener) {
      for (JsonNode message : listener.early) {
        accept(message);
      }
      listener.early.clear();
    }
  }

  /**
   * Calls {@code observer} with each message from now on, as it arrives (on the connection's
   * thread: it must be quick), for a test that times arrivals.
   */
  void observe(java.util.function.Consumer<JsonNode> observer) {
    this.observer = observer;
  }

  private void accept(JsonNode message) {
    java.util.function.Consumer<JsonNode> current = observer;
    if (current != null) {
      current.accept(message);
    }
    synchronized (all) {
      all.add(message);
      all.notifyAll();
    }
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
    }
    socket.abort();
  }

  /** Stops taking messages from the connection, as a client that stopped reading would. */
  void pauseReading() {
    synchronized (listener) {
      listener.paused = true;
    }
  }

  /** Takes messages again after {@link #pauseReading()}. */
  void resumeReading() {
    boolean owed;
    synchronized (listener) {
      listener.paused = false;
      owed = listener.owed;
      listener.owed = false;
    }
    if (owed) {
      socket.request(1);
    }
  }

  /** Sends {@code text}; false if the connection refused it or the send did not complete in {@code wait}. */
  boolean trySend(String text, Duration wait) {
    try {
      socket.sendText(text, true).get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /** Drops the TCP connection without a close handshake, as a crashed client would. */
  void abort() {
    socket.abort();
  }

  /** Sends a WebSocket ping frame (not the protocol's ping message). */
  void sendPing() {
    socket.sendPing(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3})).join();
  }

  private static final class Listener implements WebSocket.Listener {
    volatile WsClient client;
    final List<JsonNode> early = new ArrayList<>();
    boolean paused;
    boolean owed;
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonNode message;
        try {
          message = JSON.readTree(partial.toString());
        } catch (Exception e) {
          throw new AssertionError("the server sent invalid JSON: " + partial, e);
        }
        partial.setLength(0);
        synchronized (this) {
          if (client == null) {
            early.add(message);
          } else {
            client.accept(message);
          }
        }
      }
      synchronized (this) {
        if (paused) {
          owed = true;
          return null;
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      WsClient current = client;
      if (current != null) {
        current.closed.complete(new int[] {statusCode});
        current.closeReason.complete(reason);
      }
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      WsClient current = client;
      if (current != null) {
        current.closed.complete(new int[] {-1});
        current.closeReason.complete(String.valueOf(error));
      }
    }
  }
}

package dev.live.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.json.LiveJson;
import dev.live.query.QuerySpec;
import dev.live.query.RowShape;
import dev.live.subscription.QueryResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One subscription of the client: what it asks the server for, the result the server confirmed
 * (nodes over the shared {@link RowCache}) with its version, and its listener. Its id is kept
 * across reconnects, so that the server can resume it ({@code subscribe} with {@code from}).
 * Used on the client's loop thread only.
 */
final class ClientSubscription {
  final String id;
  /** The subscribe message's members after the id: the query, or the procedure and its input. */
  final String source;
  /** The query; for a live query procedure, known from the first snapshot on. */
  @Nullable QuerySpec<?> spec;
  @Nullable RowShape<?, ?> shape;
  private final Delivery delivery;
  long version = -1;
  List<ResultNode> confirmed = List.of();
  boolean closed;

  ClientSubscription(String id, String source, @Nullable QuerySpec<?> spec, @Nullable RowShape<?, ?> shape,
      Delivery delivery) {
    this.id = id;
    this.source = source;
    this.spec = spec;
    this.shape = shape;
    this.delivery = delivery;
  }

  /** The subscribe message, resuming from the version held once there is one. */
  String subscribeMessage() {
    return "{\"type\":\"subscribe\",\"id\":" + LiveJson.encode(dev.live.json.Codecs.STRING, id) + "," + source
        + (version >= 0 ? ",\"from\":" + version : "") + "}";
  }

  boolean started() {
    return version >= 0;
  }

  void snapshot(ServerMessage message, ResultRows rows, RowCache cache, dev.live.schema.LiveSchema schema) {
    if (message.query != null && spec == null) {
      QuerySpec<?> decoded = dev.live.query.QueryJson.decode(schema, message.query);
      spec = decoded;
      shape = decoded.includes().isEmpty() ? RowShape.plain() : decoded.collection().rows();
    }
    confirmed = readRows(message.rows, rows, cache, message.version);
    version = message.version;
  }

  private <T> List<ResultNode> readRows(@Nullable String json, ResultRows rows, RowCache cache, long at) {
    @SuppressWarnings("unchecked")
    QuerySpec<T> typed = (QuerySpec<T>) spec;
    return rows.readList(json == null ? "[]" : json, typed.collection(), typed.includes(), cache, at);
  }

  /**
   * Applies a delta's changes in order ({@code docs/protocol.md}, "delta"). False when it does
   * not continue from the version held: the client missed something and must subscribe again.
   */
  boolean delta(ServerMessage message, ResultRows rows, RowCache cache, com.fasterxml.jackson.core.JsonFactory factory) {
    if (message.from != version) {
      return false;
    }
    List<ResultNode> next = new ArrayList<>(confirmed);
    try (JsonParser in = factory.createParser(message.changes == null ? "[]" : message.changes)) {
      if (in.nextToken() != JsonToken.START_ARRAY) {
        throw new LiveException(ErrorCode.WRONG_TYPE, "a delta's changes are an array");
      }
      while (in.nextToken() == JsonToken.START_OBJECT) {
        change(in, next, rows, cache, message.to);
      }
    } catch (IOException e) {
      throw LiveJson.asDecodeException(e);
    }
    confirmed = List.copyOf(next);
    version = message.to;
    return true;
  }

  @SuppressWarnings("unchecked")
  private <T> void change(JsonParser in, List<ResultNode> nodes, ResultRows rows, RowCache cache, long at)
      throws IOException {
    QuerySpec<T> typed = (QuerySpec<T>) spec;
    String op = null;
    Object removed = null;
    ResultNode row = null;
    int index = 0;
    for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
      in.nextToken();
      switch (name) {
        case "op" -> op = in.getText();
        case "id" -> removed = typed.collection().id().codec().read(in);
        case "index" -> index = in.getIntValue();
        case "row" -> row = rows.read(in, typed.collection(), typed.includes(), cache, at);
        default -> in.skipChildren();
      }
    }
    Object id = row != null ? row.id() : removed;
    nodes.removeIf(node -> node.id().equals(id));
    if (!"remove".equals(op) && row != null) {
      nodes.add(Math.min(Math.max(index, 0), nodes.size()), row);
    }
  }

  /** Hands the listener a new result, unless it equals the last one it got. */
  void deliver(QueryResult<?> result) {
    delivery.offer(result);
  }

  /** The server ended the subscription with an error; nothing follows. */
  void failed(LiveException error) {
    delivery.failed(error);
  }

  void stopDelivery() {
    delivery.stop();
  }

  /** Delivers results to a listener one at a time, in order, the latest only, and never twice the same. */
  static final class Delivery {
    private final java.util.concurrent.Executor executor;
    private final Consumer<QueryResult<?>> listener;
    private final Consumer<LiveException> onError;
    private QueryResult<?> latest;
    private QueryResult<?> delivered;
    private boolean running;
    private volatile boolean stopped;

    @SuppressWarnings("unchecked")
    Delivery(java.util.concurrent.Executor executor, Consumer<? extends QueryResult<?>> listener,
        Consumer<LiveException> onError) {
      this.executor = executor;
      this.listener = (Consumer<QueryResult<?>>) listener;
      this.onError = onError;
    }

    /** Stops deliveries, and tells the error listener, after any result already on its way. */
    void failed(LiveException error) {
      stopped = true;
      executor.execute(() -> {
        synchronized (this) {
          // waits for a drain in progress: results and the error arrive in order
        }
        onError.accept(error);
      });
    }

    synchronized void offer(QueryResult<?> result) {
      latest = result;
      if (!running && !stopped) {
        running = true;
        executor.execute(this::drain);
      }
    }

    void stop() {
      stopped = true;
    }

    private void drain() {
      while (true) {
        QueryResult<?> next;
        synchronized (this) {
          if (stopped || latest == null || latest.equals(delivered)) {
            running = false;
            return;
          }
          next = latest;
          delivered = next;
        }
        try {
          listener.accept(next);
        } catch (RuntimeException e) {
          org.slf4j.LoggerFactory.getLogger(ClientSubscription.class).error("a subscription listener failed", e);
        }
      }
    }
  }

}

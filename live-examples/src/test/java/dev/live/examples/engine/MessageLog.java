package dev.live.examples.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.live.engine.SubscriptionListener;
import dev.live.error.LiveException;
import dev.live.examples.server.ReplayedResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engine sent one subscription, as a client would receive it: snapshots and deltas in
 * the protocol's JSON, and whether the subscription failed. The engine calls it under its lock;
 * it only parses and appends.
 */
final class MessageLog implements SubscriptionListener {
  static final ObjectMapper JSON = new ObjectMapper();

  private final List<JsonNode> messages = new ArrayList<>();
  private LiveException failure;

  @Override
  public synchronized void snapshot(long version, String rows) {
    messages.add(parse("{\"type\":\"snapshot\",\"version\":" + version + ",\"rows\":" + rows + "}"));
  }

  @Override
  public synchronized void delta(long fromVersion, long toVersion, String changes) {
    messages.add(parse("{\"type\":\"delta\",\"from\":" + fromVersion + ",\"to\":" + toVersion
        + ",\"changes\":" + changes + "}"));
  }

  @Override
  public synchronized void failed(LiveException error) {
    failure = error;
  }

  synchronized LiveException failure() {
    return failure;
  }

  /** The messages received so far. */
  synchronized List<JsonNode> messages() {
    return List.copyOf(messages);
  }

  /** The result rebuilt from every message so far (failing if a delta does not fit what came before). */
  synchronized List<JsonNode> replay() {
    ReplayedResult result = new ReplayedResult();
    messages.forEach(result::apply);
    return new ArrayList<>(result.rows());
  }

  /** The version a message brings its subscriber to. */
  static long versionOf(JsonNode message) {
    return message.path("type").asText().equals("snapshot") ? message.path("version").asLong()
        : message.path("to").asLong();
  }

  /** The rows a message carries: a snapshot's, and those a delta inserts or updates. */
  static List<JsonNode> rowsOf(JsonNode message) {
    List<JsonNode> rows = new ArrayList<>();
    if (message.path("type").asText().equals("snapshot")) {
      message.path("rows").forEach(rows::add);
    } else {
      for (JsonNode change : message.path("changes")) {
        if (change.has("row")) {
          rows.add(change.path("row"));
        }
      }
    }
    return rows;
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}

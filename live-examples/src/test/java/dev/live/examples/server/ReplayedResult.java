package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A subscription's result as a client rebuilds it from the messages it received: the snapshot,
 * then each delta applied in order, checking that each delta starts where the last message ended.
 */
public final class ReplayedResult {
  private final List<JsonNode> rows = new ArrayList<>();
  private long version = -1;

  /** The result after every message of subscription {@code id} that {@code client} received. */
  static ReplayedResult of(WsClient client, String id) {
    ReplayedResult result = new ReplayedResult();
    for (JsonNode message : client.messagesOf(id)) {
      result.apply(message);
    }
    return result;
  }

  public void apply(JsonNode message) {
    switch (message.path("type").asText()) {
      case "snapshot":
        rows.clear();
        message.path("rows").forEach(rows::add);
        version = message.path("version").asLong();
        break;
      case "delta":
        assertThat(message.path("from").asLong()).as("delta %s starts where the last message ended", message)
            .isEqualTo(version);
        assertThat(message.path("to").asLong()).as("delta %s moves forward", message).isGreaterThan(version);
        for (JsonNode change : message.path("changes")) {
          applyChange(change);
        }
        version = message.path("to").asLong();
        break;
      default:
        break; // unsubscribed, errors: not part of the result
    }
  }

  private void applyChange(JsonNode change) {
    String op = change.path("op").asText();
    if (op.equals("remove")) {
      assertThat(rows.removeIf(row -> row.path("id").equals(change.path("id"))))
          .as("remove of a row the client holds: %s", change).isTrue();
      return;
    }
    JsonNode row = change.path("row");
    boolean held = rows.removeIf(existing -> existing.path("id").equals(row.path("id")));
    assertThat(held).as("%s of a row the client %s: %s", op, op.equals("update") ? "holds" : "does not hold", change)
        .isEqualTo(op.equals("update"));
    int index = change.path("index").asInt();
    assertThat(index).as("index of %s within the result", change).isBetween(0, rows.size());
    rows.add(index, row);
  }

  public List<JsonNode> rows() {
    return rows;
  }

  /** The ids of the rows, in order. */
  List<String> ids() {
    return rows.stream().map(row -> row.path("id").asText()).toList();
  }

  public long version() {
    return version;
  }
}

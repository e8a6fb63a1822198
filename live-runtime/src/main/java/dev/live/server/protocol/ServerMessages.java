package dev.live.server.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.live.error.LiveException;
import dev.live.json.DecodeException;
import dev.live.json.LiveJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Writes the messages the server sends ({@code docs/protocol.md}). Parts that are already JSON
 * (request ids, rows, changes) are spliced in as they are: a delta going to a thousand
 * subscribers is encoded once.
 */
public final class ServerMessages {
  /** The protocol version this server speaks. */
  public static final int PROTOCOL = 1;

  private ServerMessages() {}

  /** {@code rate}: the messages per second and the burst this client may send, for it to pace itself. */
  public static String welcome(String id, String clientId, long lastMutation, long version, int perSecond, int burst) {
    return welcomeHead(id, clientId, lastMutation, version, perSecond, burst) + "}";
  }

  /**
   * A welcome that also states {@code clientRetention}, in milliseconds: how long the server keeps
   * the record of a client's mutations after its last one (a client must not send again a
   * mutation it first sent longer ago than that; see docs/protocol.md).
   */
  public static String welcome(String id, String clientId, long lastMutation, long version, int perSecond, int burst,
      Duration clientRetention) {
    return welcomeHead(id, clientId, lastMutation, version, perSecond, burst) + ",\"clientRetention\":"
        + clientRetention.toMillis() + "}";
  }

  private static String welcomeHead(String id, String clientId, long lastMutation, long version, int perSecond,
      int burst) {
    return "{\"type\":\"welcome\",\"id\":" + id + ",\"protocol\":" + PROTOCOL + ",\"clientId\":"
        + string(clientId) + ",\"lastMutation\":" + lastMutation + ",\"version\":" + version
        + ",\"rate\":{\"messagesPerSecond\":" + perSecond + ",\"burst\":" + burst + "}";
  }

  /**
   * The whole result of subscription {@code id}; {@code reset} when it replaces what the client
   * holds; {@code query}, the wire form of the query a live query procedure returned.
   */
  public static String snapshot(String id, long version, String rows, boolean reset, Optional<String> query) {
    return "{\"type\":\"snapshot\",\"id\":" + id + ",\"version\":" + version
        + (reset ? ",\"reset\":true" : "") + query.map(q -> ",\"query\":" + q).orElse("")
        + ",\"rows\":" + rows + "}";
  }

  public static String delta(String id, long from, long to, String changes) {
    return deltaHead(id) + deltaTail(from, to, changes);
  }

  /** The start of a delta, up to and with the subscription id: the part that differs per subscriber. */
  public static String deltaHead(String id) {
    return "{\"type\":\"delta\",\"id\":" + id;
  }

  /** The rest of a delta after the subscription id: the part subscribers of one query share. */
  public static String deltaTail(long from, long to, String changes) {
    return new StringBuilder(changes.length() + 48).append(",\"from\":").append(from).append(",\"to\":")
        .append(to).append(",\"changes\":").append(changes).append('}').toString();
  }

  /**
   * Subscription {@code id} was resumed at {@code version}, the version the client asked for: the
   * deltas it missed since follow.
   */
  public static String resumed(String id, long version) {
    return "{\"type\":\"resumed\",\"id\":" + id + ",\"version\":" + version + "}";
  }

  public static String unsubscribed(String id) {
    return "{\"type\":\"unsubscribed\",\"id\":" + id + "}";
  }

  public static String rows(String id, long version, String rows) {
    return "{\"type\":\"rows\",\"id\":" + id + ",\"version\":" + version + ",\"rows\":" + rows + "}";
  }

  /** A mutation applied now; {@code row} is absent for a delete or a row the caller may not read. */
  public static String applied(String id, long seq, long version, Optional<String> row) {
    return "{\"type\":\"ack\",\"id\":" + id + ",\"seq\":" + seq + ",\"status\":\"applied\",\"version\":" + version
        + row.map(json -> ",\"row\":" + json).orElse("") + "}";
  }

  /** A mutation whose sequence number this client used before: it was applied then, not now. */
  public static String duplicate(String id, long seq, long lastMutation) {
    return "{\"type\":\"ack\",\"id\":" + id + ",\"seq\":" + seq + ",\"status\":\"duplicate\",\"lastMutation\":"
        + lastMutation + "}";
  }

  public static String rejected(String id, long seq, LiveException error) {
    return "{\"type\":\"ack\",\"id\":" + id + ",\"seq\":" + seq + ",\"status\":\"rejected\",\"error\":"
        + error(error) + "}";
  }

  /** A procedure's result: {@code value} is its JSON; {@code version} covers its writes. */
  public static String result(String id, String value, long version) {
    return "{\"type\":\"result\",\"id\":" + id + ",\"version\":" + version + ",\"value\":" + value + "}";
  }

  /**
   * The reply to a join: the member id the room knows this connection by, the room's state and
   * its members (this one included), each as {@link #member}.
   */
  public static String joined(String id, String room, String memberId, String state, String members) {
    return "{\"type\":\"joined\",\"id\":" + id + ",\"room\":" + string(room) + ",\"member\":" + string(memberId)
        + ",\"state\":" + state + ",\"members\":" + members + "}";
  }

  /** A member as others see it: {@code {"member":..., "userId":..., "presence":{...}}}. */
  public static String member(String memberId, Optional<String> userId, String presence) {
    return "{\"member\":" + string(memberId) + userId.map(user -> ",\"userId\":" + string(user)).orElse("")
        + ",\"presence\":" + presence + "}";
  }

  /** The reply to a room request that returns nothing more: {@code left}, {@code stateSet}, {@code presenceSet}. */
  public static String roomReply(String type, String id, String room) {
    return "{\"type\":\"" + type + "\",\"id\":" + id + ",\"room\":" + string(room) + "}";
  }

  public static String emitted(String id, String room, int delivered) {
    return "{\"type\":\"emitted\",\"id\":" + id + ",\"room\":" + string(room) + ",\"delivered\":" + delivered + "}";
  }

  /** A member joined ({@code join}), changed its presence ({@code update}) or left ({@code leave}). */
  public static String presence(String room, String action, String member) {
    return "{\"type\":\"presence\",\"room\":" + string(room) + ",\"action\":\"" + action + "\",\"member\":"
        + member + "}";
  }

  /** An event in a room; {@code from} is the member that emitted it, absent when the server did. */
  public static String roomEvent(String room, String event, String data, Optional<String> from) {
    return "{\"type\":\"roomEvent\",\"room\":" + string(room) + ",\"event\":" + string(event)
        + from.map(member -> ",\"from\":" + string(member)).orElse("") + ",\"data\":" + data + "}";
  }

  /** A room's whole state after a change. */
  public static String roomState(String room, String state) {
    return "{\"type\":\"roomState\",\"room\":" + string(room) + ",\"state\":" + state + "}";
  }

  public static String pong(String id) {
    return "{\"type\":\"pong\",\"id\":" + id + "}";
  }

  /** An error answering request {@code id}, or the connection as a whole when there is none. */
  public static String error(Optional<String> id, LiveException error) {
    return "{\"type\":\"error\"" + id.map(value -> ",\"id\":" + value).orElse("") + ",\"error\":" + error(error) + "}";
  }

  /**
   * The error object: {@code code}, for an application's refusal its {@code appCode}, {@code
   * message}, and for decoding errors {@code path}, {@code line}, {@code column}.
   */
  public static String error(LiveException error) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = LiveJson.factory().createGenerator(text)) {
      out.writeStartObject();
      out.writeStringField("code", error.code().name());
      if (error.appCode().isPresent()) {
        out.writeStringField("appCode", error.appCode().get());
      }
      out.writeStringField("message", error.getMessage());
      if (error instanceof DecodeException decode) {
        if (!decode.path().isEmpty()) {
          out.writeStringField("path", decode.path());
        }
        if (decode.line() >= 0) {
          out.writeNumberField("line", decode.line());
          out.writeNumberField("column", decode.column());
        }
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** {@code value} as a JSON string. */
  public static String string(String value) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = LiveJson.factory().createGenerator(text)) {
      out.writeString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}

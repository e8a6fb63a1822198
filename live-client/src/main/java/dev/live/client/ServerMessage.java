package dev.live.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * One message from the server ({@code docs/protocol.md}), read member by member: scalars are
 * kept as values, and the members that hold rows, changes, values or a query are kept as JSON
 * text, decoded later by whoever knows their type.
 */
final class ServerMessage {
  @Nullable String type;
  @Nullable String id;
  long version = -1;
  long from = -1;
  long to = -1;
  long seq = -1;
  long lastMutation = -1;
  boolean reset;
  @Nullable String status;
  @Nullable String clientId;
  /** JSON text of {@code rows}, {@code row}, {@code changes}, {@code value}, {@code query}. */
  @Nullable String rows;
  @Nullable String row;
  @Nullable String changes;
  @Nullable String value;
  @Nullable String query;
  @Nullable LiveException error;
  /** Room messages: the room, a member id ({@code joined}'s, a {@code roomEvent}'s sender), the action. */
  @Nullable String room;
  @Nullable String memberId;
  @Nullable String action;
  @Nullable String event;
  int delivered = -1;
  /** {@code welcome}'s rate: messages per second and burst this client may send; 0 when unlimited. */
  int ratePerSecond;
  int rateBurst;
  /** {@code welcome}'s clientRetention in milliseconds; 0 when the server does not state it. */
  long clientRetentionMillis;
  /** JSON text of a room's {@code state}, {@code members}, a presence's {@code member}, an event's {@code data}. */
  @Nullable String state;
  @Nullable String members;
  @Nullable String member;
  @Nullable String data;

  static ServerMessage parse(JsonFactory factory, String text) {
    ServerMessage message = new ServerMessage();
    try (JsonParser in = factory.createParser(text)) {
      if (in.nextToken() != JsonToken.START_OBJECT) {
        throw new LiveException(ErrorCode.MALFORMED_JSON, "a server message is a JSON object: " + abbreviated(text));
      }
      for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
        in.nextToken();
        message.member(name, in, factory);
      }
    } catch (IOException e) {
      throw new LiveException(ErrorCode.MALFORMED_JSON, "the server sent a message that is not JSON: "
          + abbreviated(text), e);
    }
    if (message.type == null) {
      throw new LiveException(ErrorCode.MISSING_FIELD, "a server message has no type: " + abbreviated(text));
    }
    return message;
  }

  private void member(String name, JsonParser in, JsonFactory factory) throws IOException {
    switch (name) {
      case "type" -> type = in.getText();
      case "id" -> id = in.currentToken() == JsonToken.VALUE_NULL ? null : in.getText();
      case "version" -> version = in.getLongValue();
      case "from" -> { // a delta's version, or the member that sent a room event
        if (in.currentToken() == JsonToken.VALUE_STRING) {
          memberId = in.getText();
        } else {
          from = in.getLongValue();
        }
      }
      case "member" -> { // joined: this client's member id; presence: the member
        if (in.currentToken() == JsonToken.VALUE_STRING) {
          memberId = in.getText();
        } else {
          member = text(in, factory);
        }
      }
      case "room" -> room = in.getText();
      case "action" -> action = in.getText();
      case "event" -> event = in.getText();
      case "delivered" -> delivered = in.getIntValue();
      case "state" -> state = text(in, factory);
      case "members" -> members = text(in, factory);
      case "data" -> data = text(in, factory);
      case "rate" -> {
        for (String field = in.nextFieldName(); field != null; field = in.nextFieldName()) {
          in.nextToken();
          if (field.equals("messagesPerSecond")) {
            ratePerSecond = in.getIntValue();
          } else if (field.equals("burst")) {
            rateBurst = in.getIntValue();
          } else {
            in.skipChildren();
          }
        }
      }
      case "to" -> to = in.getLongValue();
      case "seq" -> seq = in.getLongValue();
      case "lastMutation" -> lastMutation = in.getLongValue();
      case "clientRetention" -> clientRetentionMillis = in.getLongValue();
      case "reset" -> reset = in.getBooleanValue();
      case "status" -> status = in.getText();
      case "clientId" -> clientId = in.getText();
      case "rows" -> rows = text(in, factory);
      case "row" -> row = text(in, factory);
      case "changes" -> changes = text(in, factory);
      case "value" -> value = text(in, factory);
      case "query" -> query = text(in, factory);
      case "error" -> error = error(in);
      default -> in.skipChildren(); // protocol, and members of later protocol versions
    }
  }

  /** The current value as JSON text. */
  static String text(JsonParser in, JsonFactory factory) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = factory.createGenerator(text)) {
      out.copyCurrentStructure(in);
    }
    return text.toString();
  }

  private static LiveException error(JsonParser in) throws IOException {
    String code = null;
    String appCode = null;
    String message = "";
    for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
      in.nextToken();
      if (name.equals("code")) {
        code = in.getText();
      } else if (name.equals("appCode")) {
        appCode = in.getText();
      } else if (name.equals("message")) {
        message = in.getText();
      } else {
        in.skipChildren();
      }
    }
    return toException(code, appCode, message);
  }

  /**
   * The server's error as an exception with its code; a code this client does not know is {@code
   * UNKNOWN_ERROR}. An application's code comes with {@code REJECTED}; one of another shape (not
   * from a Live server) is left out, and named in the message.
   */
  static LiveException toException(@Nullable String code, @Nullable String appCode, String message) {
    if (appCode != null && ErrorCode.REJECTED.name().equals(code)) {
      return LiveException.isValidAppCode(appCode) ? LiveException.of(appCode, message)
          : new LiveException(ErrorCode.REJECTED, "the server answered REJECTED with an application code that is"
              + " not one (" + abbreviated(appCode) + "): " + message);
    }
    if (code != null) {
      for (ErrorCode known : ErrorCode.values()) {
        if (known.name().equals(code)) {
          return new LiveException(known, message);
        }
      }
    }
    return new LiveException(ErrorCode.UNKNOWN_ERROR, "the server answered " + code + ": " + message);
  }

  static String abbreviated(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  static UncheckedIOException unchecked(IOException e) {
    return new UncheckedIOException(e);
  }
}

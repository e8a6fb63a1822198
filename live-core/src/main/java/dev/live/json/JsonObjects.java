package dev.live.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The top-level members of a JSON object as text: how room states are merged and compared. */
public final class JsonObjects {
  private JsonObjects() {}

  /** The members of {@code object}, in order, each value as JSON text; {@code object} must be a JSON object. */
  public static Map<String, String> members(JsonFactory factory, String object) {
    try (JsonParser in = factory.createParser(object)) {
      if (in.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object: " + object);
      }
      return members(factory, in);
    } catch (IOException e) {
      throw LiveJson.asDecodeException(e);
    }
  }

  /** The members of the object starting at the parser's current token, leaving it at the object's end. */
  public static Map<String, String> members(JsonFactory factory, JsonParser in) throws IOException {
    Map<String, String> members = new LinkedHashMap<>();
    for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
      in.nextToken();
      if (members.containsKey(name)) {
        throw JsonReads.duplicateField(in, JsonReads.shortened(name));
      }
      members.put(name, text(factory, in));
    }
    return members;
  }

  /** The value at the parser's current token as JSON text. */
  public static String text(JsonFactory factory, JsonParser in) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = factory.createGenerator(text)) {
      out.copyCurrentStructure(in);
    }
    return text.toString();
  }

  /** An object of {@code members} (each value JSON text), in their order. */
  public static String object(Map<String, String> members) {
    StringBuilder json = new StringBuilder("{");
    for (Map.Entry<String, String> member : members.entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append(LiveJson.encode(Codecs.STRING, member.getKey())).append(':').append(member.getValue());
    }
    return json.append('}').toString();
  }
}

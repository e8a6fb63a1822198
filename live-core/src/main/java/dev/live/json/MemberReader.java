package dev.live.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a JSON object whose members depend on each other: in a query condition, how to read
 * {@code "value"} depends on {@code "field"}, and JSON does not fix the order of members. A
 * member the handler cannot read yet is buffered and handed over again once every member has
 * been seen; errors inside it keep the position where it started.
 *
 * <p>Duplicate members are refused. Errors thrown for a member get the member's name
 * prefixed to their path.
 */
public final class MemberReader {
  /** Takes the members of one object. */
  public interface Handler {
    /**
     * Reads member {@code name} whose value starts at the parser's current token, and returns
     * true; or returns false, without reading, when another member must come first. {@code
     * last} is true when every other member has been read: then it must read or throw.
     */
    boolean accept(String name, JsonParser value, boolean last) throws IOException;

    /**
     * Called once every member was seen and before buffered members are handed over again;
     * checks that the members other members depend on are present. The parser is at the
     * object's end.
     */
    void checkRequired(JsonParser endOfObject) throws IOException;
  }

  private MemberReader() {}

  /** Reads the object starting at the current token, leaving the parser at its end. */
  public static void read(JsonParser in, JsonFactory factory, Handler handler) throws IOException {
    JsonReads.startObject(in, "");
    Set<String> seen = new HashSet<>();
    List<Buffered> later = new ArrayList<>();
    for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
      in.nextToken();
      if (!seen.add(name)) {
        throw JsonReads.duplicateField(in, JsonReads.shortened(name));
      }
      try {
        if (!handler.accept(name, in, false)) {
          later.add(buffer(in, name, factory));
        }
      } catch (DecodeException e) {
        throw e.within(JsonReads.shortened(name));
      } catch (JsonProcessingException e) {
        // Malformed or over-limit input inside the member: say which member it was in.
        throw LiveJson.asDecodeException(e).within(JsonReads.shortened(name));
      }
    }
    handler.checkRequired(in);
    for (Buffered member : later) {
      replay(member, handler, factory);
    }
  }

  private static Buffered buffer(JsonParser in, String name, JsonFactory factory) throws IOException {
    JsonLocation start = in.currentTokenLocation();
    ByteArrayBuilder bytes = new ByteArrayBuilder();
    try (JsonGenerator copy = factory.createGenerator(bytes)) {
      copy.copyCurrentStructure(in);
    }
    return new Buffered(name, bytes.toByteArray(), start.getLineNr(), start.getColumnNr());
  }

  private static void replay(Buffered member, Handler handler, JsonFactory factory) throws IOException {
    try (JsonParser value = factory.createParser(member.json)) {
      value.nextToken();
      if (!handler.accept(member.name, value, true)) {
        throw new IllegalStateException("member " + member.name + " was refused on its last chance");
      }
    } catch (DecodeException e) {
      throw e.relocated(member.line, member.column).within(JsonReads.shortened(member.name));
    }
  }

  private record Buffered(String name, byte[] json, int line, int column) {}
}

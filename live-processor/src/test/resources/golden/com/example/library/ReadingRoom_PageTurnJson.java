package com.example.library;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.live.json.JsonCodec;
import dev.live.json.JsonReads;
import dev.live.json.JsonWrites;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * The JSON codec of {@link ReadingRoom.PageTurn}.
 */
@Generated("dev.live.processor.LiveProcessor")
public final class ReadingRoom_PageTurnJson {
  private static final String FIELDS = "bookId, from, to";

  /**
   * Reads and writes {@link PageTurn} as a JSON object.
   */
  public static final JsonCodec<ReadingRoom.PageTurn> CODEC = new Codec();

  private static final SerializedString NAME_bookId = new SerializedString("bookId");

  private static final SerializedString NAME_from = new SerializedString("from");

  private static final SerializedString NAME_to = new SerializedString("to");

  private ReadingRoom_PageTurnJson() {
  }

  private static final class Codec implements JsonCodec<ReadingRoom.PageTurn> {
    @Override
    public void write(JsonGenerator out, ReadingRoom.PageTurn value) throws IOException {
      out.writeStartObject(value);
      out.writeFieldName(ReadingRoom_PageTurnJson.NAME_bookId);
      UUID bookId = value.bookId();
      if (bookId == null) {
        throw JsonWrites.nullInRequiredField("PageTurn", "bookId");
      }
      JsonWrites.uuid(out, bookId);
      out.writeFieldName(ReadingRoom_PageTurnJson.NAME_from);
      out.writeNumber(value.from());
      out.writeFieldName(ReadingRoom_PageTurnJson.NAME_to);
      out.writeNumber(value.to());
      out.writeEndObject();
    }

    @Override
    public ReadingRoom.PageTurn read(JsonParser in) throws IOException {
      JsonReads.startObject(in, "");
      UUID bookId = null;
      int from = 0;
      int to = 0;
      long seen0 = 0L;
      for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
        in.nextToken();
        switch (name) {
          case "bookId":
            if ((seen0 & 0x1L) != 0) {
              throw JsonReads.duplicateField(in, "bookId");
            }
            seen0 |= 0x1L;
            bookId = JsonReads.uuid(in, "bookId");
            break;
          case "from":
            if ((seen0 & 0x2L) != 0) {
              throw JsonReads.duplicateField(in, "from");
            }
            seen0 |= 0x2L;
            from = JsonReads.intValue(in, "from");
            break;
          case "to":
            if ((seen0 & 0x4L) != 0) {
              throw JsonReads.duplicateField(in, "to");
            }
            seen0 |= 0x4L;
            to = JsonReads.intValue(in, "to");
            break;
          default:
            throw JsonReads.unknownField(in, name, ReadingRoom_PageTurnJson.FIELDS);
        }
      }
      if ((seen0 & 0x7L) != 0x7L) {
        List<String> missing = new ArrayList<>();
        if ((seen0 & 0x1L) == 0) {
          missing.add("bookId");
        }
        if ((seen0 & 0x2L) == 0) {
          missing.add("from");
        }
        if ((seen0 & 0x4L) == 0) {
          missing.add("to");
        }
        throw JsonReads.missingFields(in, missing);
      }
      return new ReadingRoom.PageTurn(bookId, from, to);
    }
  }
}

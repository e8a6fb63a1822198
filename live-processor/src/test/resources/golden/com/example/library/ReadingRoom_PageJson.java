package com.example.library;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.live.json.JsonCodec;
import dev.live.json.JsonReads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The JSON codec of {@link ReadingRoom.Page}.
 */
@Generated("dev.live.processor.LiveProcessor")
public final class ReadingRoom_PageJson {
  private static final String FIELDS = "number, note";

  /**
   * Reads and writes {@link Page} as a JSON object.
   */
  public static final JsonCodec<ReadingRoom.Page> CODEC = new Codec();

  private static final SerializedString NAME_number = new SerializedString("number");

  private static final SerializedString NAME_note = new SerializedString("note");

  private ReadingRoom_PageJson() {
  }

  private static final class Codec implements JsonCodec<ReadingRoom.Page> {
    @Override
    public void write(JsonGenerator out, ReadingRoom.Page value) throws IOException {
      out.writeStartObject(value);
      out.writeFieldName(ReadingRoom_PageJson.NAME_number);
      out.writeNumber(value.number());
      out.writeFieldName(ReadingRoom_PageJson.NAME_note);
      String note = value.note();
      if (note == null) {
        out.writeNull();
      } else {
        out.writeString(note);
      }
      out.writeEndObject();
    }

    @Override
    public ReadingRoom.Page read(JsonParser in) throws IOException {
      JsonReads.startObject(in, "");
      int number = 0;
      String note = null;
      long seen0 = 0L;
      for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
        in.nextToken();
        switch (name) {
          case "number":
            if ((seen0 & 0x1L) != 0) {
              throw JsonReads.duplicateField(in, "number");
            }
            seen0 |= 0x1L;
            number = JsonReads.intValue(in, "number");
            break;
          case "note":
            if ((seen0 & 0x2L) != 0) {
              throw JsonReads.duplicateField(in, "note");
            }
            seen0 |= 0x2L;
            note = JsonReads.nullableString(in, "note");
            break;
          default:
            throw JsonReads.unknownField(in, name, ReadingRoom_PageJson.FIELDS);
        }
      }
      if ((seen0 & 0x1L) != 0x1L) {
        List<String> missing = new ArrayList<>();
        if ((seen0 & 0x1L) == 0) {
          missing.add("number");
        }
        throw JsonReads.missingFields(in, missing);
      }
      return new ReadingRoom.Page(number, note);
    }
  }
}

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
import javax.annotation.processing.Generated;

/**
 * The JSON codec of {@link ReadingRoom.Reader}.
 */
@Generated("dev.live.processor.LiveProcessor")
public final class ReadingRoom_ReaderJson {
  private static final String FIELDS = "name, favourite";

  /**
   * Reads and writes {@link Reader} as a JSON object.
   */
  public static final JsonCodec<ReadingRoom.Reader> CODEC = new Codec();

  private static final SerializedString NAME_name = new SerializedString("name");

  private static final SerializedString NAME_favourite = new SerializedString("favourite");

  private ReadingRoom_ReaderJson() {
  }

  private static final class Codec implements JsonCodec<ReadingRoom.Reader> {
    @Override
    public void write(JsonGenerator out, ReadingRoom.Reader value) throws IOException {
      out.writeStartObject(value);
      out.writeFieldName(ReadingRoom_ReaderJson.NAME_name);
      String name = value.name();
      if (name == null) {
        throw JsonWrites.nullInRequiredField("Reader", "name");
      }
      out.writeString(name);
      out.writeFieldName(ReadingRoom_ReaderJson.NAME_favourite);
      Genre favourite = value.favourite();
      if (favourite == null) {
        throw JsonWrites.nullInRequiredField("Reader", "favourite");
      }
      out.writeString(favourite.name());
      out.writeEndObject();
    }

    @Override
    public ReadingRoom.Reader read(JsonParser in) throws IOException {
      JsonReads.startObject(in, "");
      String name_ = null;
      Genre favourite = null;
      long seen0 = 0L;
      for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
        in.nextToken();
        switch (name) {
          case "name":
            if ((seen0 & 0x1L) != 0) {
              throw JsonReads.duplicateField(in, "name");
            }
            seen0 |= 0x1L;
            name_ = JsonReads.string(in, "name");
            break;
          case "favourite":
            if ((seen0 & 0x2L) != 0) {
              throw JsonReads.duplicateField(in, "favourite");
            }
            seen0 |= 0x2L;
            favourite = JsonReads.nested(in, "favourite", GenreJson.CODEC);
            break;
          default:
            throw JsonReads.unknownField(in, name, ReadingRoom_ReaderJson.FIELDS);
        }
      }
      if ((seen0 & 0x3L) != 0x3L) {
        List<String> missing = new ArrayList<>();
        if ((seen0 & 0x1L) == 0) {
          missing.add("name");
        }
        if ((seen0 & 0x2L) == 0) {
          missing.add("favourite");
        }
        throw JsonReads.missingFields(in, missing);
      }
      return new ReadingRoom.Reader(name_, favourite);
    }
  }
}

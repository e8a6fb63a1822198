package com.example.library;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.live.json.JsonCodec;
import dev.live.json.JsonReads;
import dev.live.json.JsonWrites;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * The JSON codec of {@link LendBook}.
 */
@Generated("dev.live.processor.LiveProcessor")
public final class LendBookJson {
  private static final String FIELDS = "bookId, borrower, due";

  /**
   * Reads and writes {@link LendBook} as a JSON object.
   */
  public static final JsonCodec<LendBook> CODEC = new Codec();

  private static final SerializedString NAME_bookId = new SerializedString("bookId");

  private static final SerializedString NAME_borrower = new SerializedString("borrower");

  private static final SerializedString NAME_due = new SerializedString("due");

  private LendBookJson() {
  }

  private static final class Codec implements JsonCodec<LendBook> {
    @Override
    public void write(JsonGenerator out, LendBook value) throws IOException {
      out.writeStartObject(value);
      out.writeFieldName(LendBookJson.NAME_bookId);
      UUID bookId = value.bookId();
      if (bookId == null) {
        throw JsonWrites.nullInRequiredField("LendBook", "bookId");
      }
      JsonWrites.uuid(out, bookId);
      out.writeFieldName(LendBookJson.NAME_borrower);
      String borrower = value.borrower();
      if (borrower == null) {
        throw JsonWrites.nullInRequiredField("LendBook", "borrower");
      }
      out.writeString(borrower);
      out.writeFieldName(LendBookJson.NAME_due);
      Instant due = value.due();
      if (due == null) {
        throw JsonWrites.nullInRequiredField("LendBook", "due");
      }
      JsonWrites.instant(out, due);
      out.writeEndObject();
    }

    @Override
    public LendBook read(JsonParser in) throws IOException {
      JsonReads.startObject(in, "");
      UUID bookId = null;
      String borrower = null;
      Instant due = null;
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
          case "borrower":
            if ((seen0 & 0x2L) != 0) {
              throw JsonReads.duplicateField(in, "borrower");
            }
            seen0 |= 0x2L;
            borrower = JsonReads.string(in, "borrower");
            break;
          case "due":
            if ((seen0 & 0x4L) != 0) {
              throw JsonReads.duplicateField(in, "due");
            }
            seen0 |= 0x4L;
            due = JsonReads.instant(in, "due");
            break;
          default:
            throw JsonReads.unknownField(in, name, LendBookJson.FIELDS);
        }
      }
      if ((seen0 & 0x7L) != 0x7L) {
        List<String> missing = new ArrayList<>();
        if ((seen0 & 0x1L) == 0) {
          missing.add("bookId");
        }
        if ((seen0 & 0x2L) == 0) {
          missing.add("borrower");
        }
        if ((seen0 & 0x4L) == 0) {
          missing.add("due");
        }
        throw JsonReads.missingFields(in, missing);
      }
      return new LendBook(bookId, borrower, due);
    }
  }
}

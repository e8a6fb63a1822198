package com.example.library;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.live.error.ErrorCode;
import dev.live.json.JsonCodec;
import dev.live.json.JsonReads;
import dev.live.json.JsonWrites;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * The JSON codecs of collection {@code loans}: the record, its insert DTO and its update DTO.
 */
@Generated("dev.live.processor.LiveProcessor")
public final class LoanJson {
  private static final String FIELDS = "id, bookId, borrower, due, fee";

  /**
   * The record, every field written, nulls included.
   */
  public static final JsonCodec<Loan> CODEC = new RecordCodec();

  /**
   * An insert: nullable fields may be left out.
   */
  public static final JsonCodec<LoanInsert> INSERT = new InsertCodec();

  /**
   * An update: only the fields it sets.
   */
  public static final JsonCodec<LoanUpdate> UPDATE = new UpdateCodec();

  private static final SerializedString NAME_id = new SerializedString("id");

  private static final SerializedString NAME_bookId = new SerializedString("bookId");

  private static final SerializedString NAME_borrower = new SerializedString("borrower");

  private static final SerializedString NAME_due = new SerializedString("due");

  private static final SerializedString NAME_fee = new SerializedString("fee");

  private static final String UPDATABLE_FIELDS = "bookId, borrower, due, fee";

  private LoanJson() {
  }

  private static final class RecordCodec implements JsonCodec<Loan> {
    @Override
    public void write(JsonGenerator out, Loan value) throws IOException {
      out.writeStartObject(value);
      out.writeFieldName(LoanJson.NAME_id);
      out.writeNumber(value.id());
      out.writeFieldName(LoanJson.NAME_bookId);
      UUID bookId = value.bookId();
      if (bookId == null) {
        throw JsonWrites.nullInRequiredField("Loan", "bookId");
      }
      JsonWrites.uuid(out, bookId);
      out.writeFieldName(LoanJson.NAME_borrower);
      String borrower = value.borrower();
      if (borrower == null) {
        throw JsonWrites.nullInRequiredField("Loan", "borrower");
      }
      out.writeString(borrower);
      out.writeFieldName(LoanJson.NAME_due);
      Instant due = value.due();
      if (due == null) {
        throw JsonWrites.nullInRequiredField("Loan", "due");
      }
      JsonWrites.instant(out, due);
      out.writeFieldName(LoanJson.NAME_fee);
      BigDecimal fee = value.fee();
      if (fee == null) {
        out.writeNull();
      } else {
        JsonWrites.decimal(out, fee);
      }
      out.writeEndObject();
    }

    @Override
    public Loan read(JsonParser in) throws IOException {
      JsonReads.startObject(in, "");
      long id = 0;
      UUID bookId = null;
      String borrower = null;
      Instant due = null;
      BigDecimal fee = null;
      long seen0 = 0L;
      for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
        in.nextToken();
        switch (name) {
          case "id":
            if ((seen0 & 0x1L) != 0) {
              throw JsonReads.duplicateField(in, "id");
            }
            seen0 |= 0x1L;
            id = JsonReads.longValue(in, "id");
            break;
          case "bookId":
            if ((seen0 & 0x2L) != 0) {
              throw JsonReads.duplicateField(in, "bookId");
            }
            seen0 |= 0x2L;
            bookId = JsonReads.uuid(in, "bookId");
            break;
          case "borrower":
            if ((seen0 & 0x4L) != 0) {
              throw JsonReads.duplicateField(in, "borrower");
            }
            seen0 |= 0x4L;
            borrower = JsonReads.string(in, "borrower");
            break;
          case "due":
            if ((seen0 & 0x8L) != 0) {
              throw JsonReads.duplicateField(in, "due");
            }
            seen0 |= 0x8L;
            due = JsonReads.instant(in, "due");
            break;
          case "fee":
            if ((seen0 & 0x10L) != 0) {
              throw JsonReads.duplicateField(in, "fee");
            }
            seen0 |= 0x10L;
            fee = JsonReads.nullableDecimal(in, "fee");
            break;
          default:
            throw JsonReads.unknownField(in, name, LoanJson.FIELDS);
        }
      }
      if ((seen0 & 0xfL) != 0xfL) {
        List<String> missing = new ArrayList<>();
        if ((seen0 & 0x1L) == 0) {
          missing.add("id");
        }
        if ((seen0 & 0x2L) == 0) {
          missing.add("bookId");
        }
        if ((seen0 & 0x4L) == 0) {
          missing.add("borrower");
        }
        if ((seen0 & 0x8L) == 0) {
          missing.add("due");
        }
        throw JsonReads.missingFields(in, missing);
      }
      return new Loan(id, bookId, borrower, due, fee);
    }
  }

  private static final class InsertCodec implements JsonCodec<LoanInsert> {
    @Override
    public void write(JsonGenerator out, LoanInsert value) throws IOException {
      LoanJson.CODEC.write(out, value.toRecord());
    }

    @Override
    public LoanInsert read(JsonParser in) throws IOException {
      Loan row = LoanJson.CODEC.read(in);
      return new LoanInsert(row.id(), row.bookId(), row.borrower(), row.due(), row.fee());
    }
  }

  private static final class UpdateCodec implements JsonCodec<LoanUpdate> {
    @Override
    public void write(JsonGenerator out, LoanUpdate value) throws IOException {
      out.writeStartObject(value);
      if (value.isSet(Loan_.bookId)) {
        out.writeFieldName(LoanJson.NAME_bookId);
        UUID v = value.get(Loan_.bookId);
        JsonWrites.uuid(out, v);
      }
      if (value.isSet(Loan_.borrower)) {
        out.writeFieldName(LoanJson.NAME_borrower);
        String v = value.get(Loan_.borrower);
        out.writeString(v);
      }
      if (value.isSet(Loan_.due)) {
        out.writeFieldName(LoanJson.NAME_due);
        Instant v = value.get(Loan_.due);
        JsonWrites.instant(out, v);
      }
      if (value.isSet(Loan_.fee)) {
        out.writeFieldName(LoanJson.NAME_fee);
        BigDecimal v = value.get(Loan_.fee);
        if (v == null) {
          out.writeNull();
        } else {
          JsonWrites.decimal(out, v);
        }
      }
      out.writeEndObject();
    }

    @Override
    public LoanUpdate read(JsonParser in) throws IOException {
      JsonReads.startObject(in, "");
      LoanUpdate update = LoanUpdate.of();
      long seen0 = 0L;
      for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
        in.nextToken();
        switch (name) {
          case "id":
            throw JsonReads.at(in, ErrorCode.FIELD_NOT_UPDATABLE, "id", "the id of a row cannot be updated");
          case "bookId":
            if ((seen0 & 0x1L) != 0) {
              throw JsonReads.duplicateField(in, "bookId");
            }
            seen0 |= 0x1L;
            update = update.bookId(JsonReads.uuid(in, "bookId"));
            break;
          case "borrower":
            if ((seen0 & 0x2L) != 0) {
              throw JsonReads.duplicateField(in, "borrower");
            }
            seen0 |= 0x2L;
            update = update.borrower(JsonReads.string(in, "borrower"));
            break;
          case "due":
            if ((seen0 & 0x4L) != 0) {
              throw JsonReads.duplicateField(in, "due");
            }
            seen0 |= 0x4L;
            update = update.due(JsonReads.instant(in, "due"));
            break;
          case "fee":
            if ((seen0 & 0x8L) != 0) {
              throw JsonReads.duplicateField(in, "fee");
            }
            seen0 |= 0x8L;
            update = update.fee(JsonReads.nullableDecimal(in, "fee"));
            break;
          default:
            throw JsonReads.unknownField(in, name, LoanJson.UPDATABLE_FIELDS);
        }
      }
      return update;
    }
  }
}

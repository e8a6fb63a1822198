package com.example.library;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.live.error.ErrorCode;
import dev.live.json.JsonCodec;
import dev.live.json.JsonReads;
import dev.live.json.JsonWrites;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * The JSON codecs of collection {@code authors}: the record, its insert DTO and its update DTO.
 */
@Generated("dev.live.processor.LiveProcessor")
public final class AuthorJson {
  private static final String FIELDS = "id, name, biography, address";

  /**
   * The record, every field written, nulls included.
   */
  public static final JsonCodec<Author> CODEC = new RecordCodec();

  /**
   * An insert: nullable fields may be left out.
   */
  public static final JsonCodec<AuthorInsert> INSERT = new InsertCodec();

  /**
   * An update: only the fields it sets.
   */
  public static final JsonCodec<AuthorUpdate> UPDATE = new UpdateCodec();

  private static final SerializedString NAME_id = new SerializedString("id");

  private static final SerializedString NAME_name = new SerializedString("name");

  private static final SerializedString NAME_biography = new SerializedString("biography");

  private static final SerializedString NAME_address = new SerializedString("address");

  private static final String UPDATABLE_FIELDS = "name, biography, address";

  private AuthorJson() {
  }

  private static final class RecordCodec implements JsonCodec<Author> {
    @Override
    public void write(JsonGenerator out, Author value) throws IOException {
      out.writeStartObject(value);
      out.writeFieldName(AuthorJson.NAME_id);
      UUID id = value.id();
      if (id == null) {
        throw JsonWrites.nullInRequiredField("Author", "id");
      }
      JsonWrites.uuid(out, id);
      out.writeFieldName(AuthorJson.NAME_name);
      String name = value.name();
      if (name == null) {
        throw JsonWrites.nullInRequiredField("Author", "name");
      }
      out.writeString(name);
      out.writeFieldName(AuthorJson.NAME_biography);
      String biography = value.biography();
      if (biography == null) {
        out.writeNull();
      } else {
        out.writeString(biography);
      }
      out.writeFieldName(AuthorJson.NAME_address);
      Address address = value.address();
      if (address == null) {
        throw JsonWrites.nullInRequiredField("Author", "address");
      }
      AddressJson.CODEC.write(out, address);
      out.writeEndObject();
    }

    @Override
    public Author read(JsonParser in) throws IOException {
      JsonReads.startObject(in, "");
      UUID id = null;
      String name_ = null;
      String biography = null;
      Address address = null;
      long seen0 = 0L;
      for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
        in.nextToken();
        switch (name) {
          case "id":
            if ((seen0 & 0x1L) != 0) {
              throw JsonReads.duplicateField(in, "id");
            }
            seen0 |= 0x1L;
            id = JsonReads.uuid(in, "id");
            break;
          case "name":
            if ((seen0 & 0x2L) != 0) {
              throw JsonReads.duplicateField(in, "name");
            }
            seen0 |= 0x2L;
            name_ = JsonReads.string(in, "name");
            break;
          case "biography":
            if ((seen0 & 0x4L) != 0) {
              throw JsonReads.duplicateField(in, "biography");
            }
            seen0 |= 0x4L;
            biography = JsonReads.nullableString(in, "biography");
            break;
          case "address":
            if ((seen0 & 0x8L) != 0) {
              throw JsonReads.duplicateField(in, "address");
            }
            seen0 |= 0x8L;
            address = JsonReads.nested(in, "address", AddressJson.CODEC);
            break;
          default:
            throw JsonReads.unknownField(in, name, AuthorJson.FIELDS);
        }
      }
      if ((seen0 & 0xbL) != 0xbL) {
        List<String> missing = new ArrayList<>();
        if ((seen0 & 0x1L) == 0) {
          missing.add("id");
        }
        if ((seen0 & 0x2L) == 0) {
          missing.add("name");
        }
        if ((seen0 & 0x8L) == 0) {
          missing.add("address");
        }
        throw JsonReads.missingFields(in, missing);
      }
      return new Author(id, name_, biography, address);
    }
  }

  private static final class InsertCodec implements JsonCodec<AuthorInsert> {
    @Override
    public void write(JsonGenerator out, AuthorInsert value) throws IOException {
      AuthorJson.CODEC.write(out, value.toRecord());
    }

    @Override
    public AuthorInsert read(JsonParser in) throws IOException {
      Author row = AuthorJson.CODEC.read(in);
      return new AuthorInsert(row.id(), row.name(), row.biography(), row.address());
    }
  }

  private static final class UpdateCodec implements JsonCodec<AuthorUpdate> {
    @Override
    public void write(JsonGenerator out, AuthorUpdate value) throws IOException {
      out.writeStartObject(value);
      if (value.isSet(Author_.name)) {
        out.writeFieldName(AuthorJson.NAME_name);
        String v = value.get(Author_.name);
        out.writeString(v);
      }
      if (value.isSet(Author_.biography)) {
        out.writeFieldName(AuthorJson.NAME_biography);
        String v = value.get(Author_.biography);
        if (v == null) {
          out.writeNull();
        } else {
          out.writeString(v);
        }
      }
      if (value.isSet(Author_.address)) {
        out.writeFieldName(AuthorJson.NAME_address);
        Address v = value.get(Author_.address);
        AddressJson.CODEC.write(out, v);
      }
      out.writeEndObject();
    }

    @Override
    public AuthorUpdate read(JsonParser in) throws IOException {
      JsonReads.startObject(in, "");
      AuthorUpdate update = AuthorUpdate.of();
      long seen0 = 0L;
      for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
        in.nextToken();
        switch (name) {
          case "id":
            throw JsonReads.at(in, ErrorCode.FIELD_NOT_UPDATABLE, "id", "the id of a row cannot be updated");
          case "name":
            if ((seen0 & 0x1L) != 0) {
              throw JsonReads.duplicateField(in, "name");
            }
            seen0 |= 0x1L;
            update = update.name(JsonReads.string(in, "name"));
            break;
          case "biography":
            if ((seen0 & 0x2L) != 0) {
              throw JsonReads.duplicateField(in, "biography");
            }
            seen0 |= 0x2L;
            update = update.biography(JsonReads.nullableString(in, "biography"));
            break;
          case "address":
            if ((seen0 & 0x4L) != 0) {
              throw JsonReads.duplicateField(in, "address");
            }
            seen0 |= 0x4L;
            update = update.address(JsonReads.nested(in, "address", AddressJson.CODEC));
            break;
          default:
            throw JsonReads.unknownField(in, name, AuthorJson.UPDATABLE_FIELDS);
        }
      }
      return update;
    }
  }
}

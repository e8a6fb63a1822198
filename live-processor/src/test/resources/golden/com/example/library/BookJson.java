package com.example.library;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.live.error.ErrorCode;
import dev.live.json.Codecs;
import dev.live.json.JsonCodec;
import dev.live.json.JsonReads;
import dev.live.json.JsonWrites;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * The JSON codecs of collection {@code books}: the record, its insert DTO and its update DTO.
 */
@Generated("dev.live.processor.LiveProcessor")
public final class BookJson {
  private static final String FIELDS = "id, authorId, title, genre, tags, published, pages";

  /**
   * The record, every field written, nulls included.
   */
  public static final JsonCodec<Book> CODEC = new RecordCodec();

  /**
   * An insert: nullable fields may be left out.
   */
  public static final JsonCodec<BookInsert> INSERT = new InsertCodec();

  /**
   * An update: only the fields it sets.
   */
  public static final JsonCodec<BookUpdate> UPDATE = new UpdateCodec();

  private static final SerializedString NAME_id = new SerializedString("id");

  private static final SerializedString NAME_authorId = new SerializedString("authorId");

  private static final SerializedString NAME_title = new SerializedString("title");

  private static final SerializedString NAME_genre = new SerializedString("genre");

  private static final SerializedString NAME_tags = new SerializedString("tags");

  private static final JsonCodec<List<String>> CODEC_tags = Codecs.list(Codecs.STRING);

  private static final SerializedString NAME_published = new SerializedString("published");

  private static final SerializedString NAME_pages = new SerializedString("pages");

  private static final String UPDATABLE_FIELDS = "authorId, title, genre, tags, published, pages";

  private BookJson() {
  }

  private static final class RecordCodec implements JsonCodec<Book> {
    @Override
    public void write(JsonGenerator out, Book value) throws IOException {
      out.writeStartObject(value);
      out.writeFieldName(BookJson.NAME_id);
      UUID id = value.id();
      if (id == null) {
        throw JsonWrites.nullInRequiredField("Book", "id");
      }
      JsonWrites.uuid(out, id);
      out.writeFieldName(BookJson.NAME_authorId);
      UUID authorId = value.authorId();
      if (authorId == null) {
        throw JsonWrites.nullInRequiredField("Book", "authorId");
      }
      JsonWrites.uuid(out, authorId);
      out.writeFieldName(BookJson.NAME_title);
      String title = value.title();
      if (title == null) {
        throw JsonWrites.nullInRequiredField("Book", "title");
      }
      out.writeString(title);
      out.writeFieldName(BookJson.NAME_genre);
      Genre genre = value.genre();
      if (genre == null) {
        throw JsonWrites.nullInRequiredField("Book", "genre");
      }
      out.writeString(genre.name());
      out.writeFieldName(BookJson.NAME_tags);
      List<String> tags = value.tags();
      if (tags == null) {
        throw JsonWrites.nullInRequiredField("Book", "tags");
      }
      BookJson.CODEC_tags.write(out, tags);
      out.writeFieldName(BookJson.NAME_published);
      LocalDate published = value.published();
      if (published == null) {
        out.writeNull();
      } else {
        JsonWrites.localDate(out, published);
      }
      out.writeFieldName(BookJson.NAME_pages);
      out.writeNumber(value.pages());
      out.writeEndObject();
    }

    @Override
    public Book read(JsonParser in) throws IOException {
      JsonReads.startObject(in, "");
      UUID id = null;
      UUID authorId = null;
      String title = null;
      Genre genre = null;
      List<String> tags = null;
      LocalDate published = null;
      int pages = 0;
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
          case "authorId":
            if ((seen0 & 0x2L) != 0) {
              throw JsonReads.duplicateField(in, "authorId");
            }
            seen0 |= 0x2L;
            authorId = JsonReads.uuid(in, "authorId");
            break;
          case "title":
            if ((seen0 & 0x4L) != 0) {
              throw JsonReads.duplicateField(in, "title");
            }
            seen0 |= 0x4L;
            title = JsonReads.string(in, "title");
            break;
          case "genre":
            if ((seen0 & 0x8L) != 0) {
              throw JsonReads.duplicateField(in, "genre");
            }
            seen0 |= 0x8L;
            genre = JsonReads.nested(in, "genre", GenreJson.CODEC);
            break;
          case "tags":
            if ((seen0 & 0x10L) != 0) {
              throw JsonReads.duplicateField(in, "tags");
            }
            seen0 |= 0x10L;
            tags = JsonReads.nested(in, "tags", BookJson.CODEC_tags);
            break;
          case "published":
            if ((seen0 & 0x20L) != 0) {
              throw JsonReads.duplicateField(in, "published");
            }
            seen0 |= 0x20L;
            published = JsonReads.nullableLocalDate(in, "published");
            break;
          case "pages":
            if ((seen0 & 0x40L) != 0) {
              throw JsonReads.duplicateField(in, "pages");
            }
            seen0 |= 0x40L;
            pages = JsonReads.intValue(in, "pages");
            break;
          default:
            throw JsonReads.unknownField(in, name, BookJson.FIELDS);
        }
      }
      if ((seen0 & 0x5fL) != 0x5fL) {
        List<String> missing = new ArrayList<>();
        if ((seen0 & 0x1L) == 0) {
          missing.add("id");
        }
        if ((seen0 & 0x2L) == 0) {
          missing.add("authorId");
        }
        if ((seen0 & 0x4L) == 0) {
          missing.add("title");
        }
        if ((seen0 & 0x8L) == 0) {
          missing.add("genre");
        }
        if ((seen0 & 0x10L) == 0) {
          missing.add("tags");
        }
        if ((seen0 & 0x40L) == 0) {
          missing.add("pages");
        }
        throw JsonReads.missingFields(in, missing);
      }
      return new Book(id, authorId, title, genre, tags, published, pages);
    }
  }

  private static final class InsertCodec implements JsonCodec<BookInsert> {
    @Override
    public void write(JsonGenerator out, BookInsert value) throws IOException {
      BookJson.CODEC.write(out, value.toRecord());
    }

    @Override
    public BookInsert read(JsonParser in) throws IOException {
      Book row = BookJson.CODEC.read(in);
      return new BookInsert(row.id(), row.authorId(), row.title(), row.genre(), row.tags(), row.published(), row.pages());
    }
  }

  private static final class UpdateCodec implements JsonCodec<BookUpdate> {
    @Override
    public void write(JsonGenerator out, BookUpdate value) throws IOException {
      out.writeStartObject(value);
      if (value.isSet(Book_.authorId)) {
        out.writeFieldName(BookJson.NAME_authorId);
        UUID v = value.get(Book_.authorId);
        JsonWrites.uuid(out, v);
      }
      if (value.isSet(Book_.title)) {
        out.writeFieldName(BookJson.NAME_title);
        String v = value.get(Book_.title);
        out.writeString(v);
      }
      if (value.isSet(Book_.genre)) {
        out.writeFieldName(BookJson.NAME_genre);
        Genre v = value.get(Book_.genre);
        out.writeString(v.name());
      }
      if (value.isSet(Book_.tags)) {
        out.writeFieldName(BookJson.NAME_tags);
        List<String> v = value.get(Book_.tags);
        BookJson.CODEC_tags.write(out, v);
      }
      if (value.isSet(Book_.published)) {
        out.writeFieldName(BookJson.NAME_published);
        LocalDate v = value.get(Book_.published);
        if (v == null) {
          out.writeNull();
        } else {
          JsonWrites.localDate(out, v);
        }
      }
      if (value.isSet(Book_.pages)) {
        out.writeFieldName(BookJson.NAME_pages);
        Integer v = value.get(Book_.pages);
        out.writeNumber(v);
      }
      out.writeEndObject();
    }

    @Override
    public BookUpdate read(JsonParser in) throws IOException {
      JsonReads.startObject(in, "");
      BookUpdate update = BookUpdate.of();
      long seen0 = 0L;
      for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
        in.nextToken();
        switch (name) {
          case "id":
            throw JsonReads.at(in, ErrorCode.FIELD_NOT_UPDATABLE, "id", "the id of a row cannot be updated");
          case "authorId":
            if ((seen0 & 0x1L) != 0) {
              throw JsonReads.duplicateField(in, "authorId");
            }
            seen0 |= 0x1L;
            update = update.authorId(JsonReads.uuid(in, "authorId"));
            break;
          case "title":
            if ((seen0 & 0x2L) != 0) {
              throw JsonReads.duplicateField(in, "title");
            }
            seen0 |= 0x2L;
            update = update.title(JsonReads.string(in, "title"));
            break;
          case "genre":
            if ((seen0 & 0x4L) != 0) {
              throw JsonReads.duplicateField(in, "genre");
            }
            seen0 |= 0x4L;
            update = update.genre(JsonReads.nested(in, "genre", GenreJson.CODEC));
            break;
          case "tags":
            if ((seen0 & 0x8L) != 0) {
              throw JsonReads.duplicateField(in, "tags");
            }
            seen0 |= 0x8L;
            update = update.tags(JsonReads.nested(in, "tags", BookJson.CODEC_tags));
            break;
          case "published":
            if ((seen0 & 0x10L) != 0) {
              throw JsonReads.duplicateField(in, "published");
            }
            seen0 |= 0x10L;
            update = update.published(JsonReads.nullableLocalDate(in, "published"));
            break;
          case "pages":
            if ((seen0 & 0x20L) != 0) {
              throw JsonReads.duplicateField(in, "pages");
            }
            seen0 |= 0x20L;
            update = update.pages(JsonReads.intValue(in, "pages"));
            break;
          default:
            throw JsonReads.unknownField(in, name, BookJson.UPDATABLE_FIELDS);
        }
      }
      return update;
    }
  }
}

package com.example.library;

import dev.live.dto.UpdateDto;
import dev.live.jdbc.ParameterBinder;
import dev.live.jdbc.ParameterWriter;
import dev.live.jdbc.RowMapper;
import dev.live.jdbc.RowReader;
import dev.live.jdbc.StoredValues;
import dev.live.json.JsonWrites;
import dev.live.json.LiveJson;
import dev.live.schema.FieldType;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Maps rows of table {@code books} to {@link Book} and binds its values to statement parameters.
 * Columns and parameters follow the record's component order.
 */
@Generated("dev.live.processor.LiveProcessor")
public final class BookJdbc implements RowMapper<Book>, ParameterBinder<Book> {
  public static final BookJdbc INSTANCE = new BookJdbc();

  private BookJdbc() {
  }

  @Override
  public Book map(RowReader row, int first) throws SQLException {
    UUID id = StoredValues.required(row.getUuid(first + 0), "books", "id");
    UUID authorId = StoredValues.required(row.getUuid(first + 1), "books", "author_id");
    String title = StoredValues.required(row.getString(first + 2), "books", "title");
    String genreName = row.getString(first + 3);
    if (genreName == null) {
      throw StoredValues.nullInRequiredColumn("books", "genre");
    }
    Genre genre = GenreJson.fromName(genreName);
    if (genre == null) {
      throw StoredValues.unknownEnumName("books", "genre", genreName, GenreJson.NAMES);
    }
    List<String> tags = StoredValues.required(StoredValues.json(row.getJson(first + 4), Book_.tags.codec(), "books", "tags"), "books", "tags");
    LocalDate published = row.getLocalDate(first + 5);
    int pages = row.getInt(first + 6);
    if (row.wasNull()) {
      throw StoredValues.nullInRequiredColumn("books", "pages");
    }
    return new Book(id, authorId, title, genre, tags, published, pages);
  }

  @Override
  public int bind(ParameterWriter out, int first, Book value) throws SQLException {
    bind_id(out, first + 0, value.id());
    bind_authorId(out, first + 1, value.authorId());
    bind_title(out, first + 2, value.title());
    bind_genre(out, first + 3, value.genre());
    bind_tags(out, first + 4, value.tags());
    bind_published(out, first + 5, value.published());
    bind_pages(out, first + 6, value.pages());
    return first + 7;
  }

  @Override
  public int bindChanges(ParameterWriter out, int first, UpdateDto<Book> update) throws
      SQLException {
    int next = first;
    if (update.isSet(Book_.authorId)) {
      bind_authorId(out, next++, update.get(Book_.authorId));
    }
    if (update.isSet(Book_.title)) {
      bind_title(out, next++, update.get(Book_.title));
    }
    if (update.isSet(Book_.genre)) {
      bind_genre(out, next++, update.get(Book_.genre));
    }
    if (update.isSet(Book_.tags)) {
      bind_tags(out, next++, update.get(Book_.tags));
    }
    if (update.isSet(Book_.published)) {
      bind_published(out, next++, update.get(Book_.published));
    }
    if (update.isSet(Book_.pages)) {
      bind_pages(out, next++, update.get(Book_.pages));
    }
    return next;
  }

  private static void bind_id(ParameterWriter out, int index, UUID value) throws SQLException {
    if (value == null) {
      throw JsonWrites.nullInRequiredField("Book", "id");
    }
    out.setUuid(index, value);
  }

  private static void bind_authorId(ParameterWriter out, int index, UUID value) throws
      SQLException {
    if (value == null) {
      throw JsonWrites.nullInRequiredField("Book", "authorId");
    }
    out.setUuid(index, value);
  }

  private static void bind_title(ParameterWriter out, int index, String value) throws SQLException {
    if (value == null) {
      throw JsonWrites.nullInRequiredField("Book", "title");
    }
    out.setString(index, value);
  }

  private static void bind_genre(ParameterWriter out, int index, Genre value) throws SQLException {
    if (value == null) {
      throw JsonWrites.nullInRequiredField("Book", "genre");
    }
    out.setString(index, value.name());
  }

  private static void bind_tags(ParameterWriter out, int index, List<String> value) throws
      SQLException {
    if (value == null) {
      throw JsonWrites.nullInRequiredField("Book", "tags");
    }
    out.setJson(index, LiveJson.encode(Book_.tags.codec(), value));
  }

  private static void bind_published(ParameterWriter out, int index, LocalDate value) throws
      SQLException {
    if (value == null) {
      out.setNull(index, FieldType.LOCAL_DATE);
      return;
    }
    out.setLocalDate(index, value);
  }

  private static void bind_pages(ParameterWriter out, int index, int value) throws SQLException {
    out.setInt(index, value);
  }
}

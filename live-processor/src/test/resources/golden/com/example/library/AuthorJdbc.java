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
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Maps rows of table {@code authors} to {@link Author} and binds its values to statement parameters.
 * Columns and parameters follow the record's component order.
 */
@Generated("dev.live.processor.LiveProcessor")
public final class AuthorJdbc implements RowMapper<Author>, ParameterBinder<Author> {
  public static final AuthorJdbc INSTANCE = new AuthorJdbc();

  private AuthorJdbc() {
  }

  @Override
  public Author map(RowReader row, int first) throws SQLException {
    UUID id = StoredValues.required(row.getUuid(first + 0), "authors", "id");
    String name = StoredValues.required(row.getString(first + 1), "authors", "name");
    String biography = row.getString(first + 2);
    Address address = StoredValues.required(StoredValues.json(row.getJson(first + 3), Author_.address.codec(), "authors", "address"), "authors", "address");
    return new Author(id, name, biography, address);
  }

  @Override
  public int bind(ParameterWriter out, int first, Author value) throws SQLException {
    bind_id(out, first + 0, value.id());
    bind_name(out, first + 1, value.name());
    bind_biography(out, first + 2, value.biography());
    bind_address(out, first + 3, value.address());
    return first + 4;
  }

  @Override
  public int bindChanges(ParameterWriter out, int first, UpdateDto<Author> update) throws
      SQLException {
    int next = first;
    if (update.isSet(Author_.name)) {
      bind_name(out, next++, update.get(Author_.name));
    }
    if (update.isSet(Author_.biography)) {
      bind_biography(out, next++, update.get(Author_.biography));
    }
    if (update.isSet(Author_.address)) {
      bind_address(out, next++, update.get(Author_.address));
    }
    return next;
  }

  private static void bind_id(ParameterWriter out, int index, UUID value) throws SQLException {
    if (value == null) {
      throw JsonWrites.nullInRequiredField("Author", "id");
    }
    out.setUuid(index, value);
  }

  private static void bind_name(ParameterWriter out, int index, String value) throws SQLException {
    if (value == null) {
      throw JsonWrites.nullInRequiredField("Author", "name");
    }
    out.setString(index, value);
  }

  private static void bind_biography(ParameterWriter out, int index, String value) throws
      SQLException {
    if (value == null) {
      out.setNull(index, FieldType.STRING);
      return;
    }
    out.setString(index, value);
  }

  private static void bind_address(ParameterWriter out, int index, Address value) throws
      SQLException {
    if (value == null) {
      throw JsonWrites.nullInRequiredField("Author", "address");
    }
    out.setJson(index, LiveJson.encode(Author_.address.codec(), value));
  }
}

package com.example.library;

import dev.live.json.Codecs;
import dev.live.query.Field;
import dev.live.query.JsonField;
import dev.live.query.NullableStringField;
import dev.live.query.Relation;
import dev.live.query.StringField;
import dev.live.query.ToMany;
import dev.live.query.ValueField;
import dev.live.schema.CollectionSchema;
import dev.live.schema.FieldInfo;
import dev.live.schema.FieldType;
import java.util.List;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * The metamodel of {@link Author}, collection {@code authors}: typed paths to its fields and
 * relations for building queries, and its schema.
 *
 * <pre>{@code
 * AuthorQuery.where(Author_.id.eq(...))
 * }</pre>
 */
@Generated("dev.live.processor.LiveProcessor")
public final class Author_ {
  /**
   * Field {@code id}: {@code UUID}, required, the id.
   */
  public static final ValueField<Author, UUID> id = new ValueField<>(FieldInfo.of("id", 0, FieldType.UUID).id(), Codecs.UUID, Author::id);

  /**
   * Field {@code name}: {@code String}, required.
   */
  public static final StringField<Author> name = new StringField<>(FieldInfo.of("name", 1, FieldType.STRING).unique(), Author::name);

  /**
   * Field {@code biography}: {@code String}, nullable.
   */
  public static final NullableStringField<Author> biography = new NullableStringField<>(FieldInfo.of("biography", 2, FieldType.STRING).nullable(), Author::biography);

  /**
   * Field {@code address}: {@code Address}, required.
   */
  public static final JsonField<Author, Address> address = new JsonField<>(FieldInfo.of("address", 3, FieldType.JSON), AddressJson.CODEC, Author::address);

  /**
   * To-many relation {@code books}: the {@link Book} rows whose {@code authorId} is this row's id.
   */
  public static final ToMany<Author, Book> books = new ToMany<>("books", () -> Book_.author, () -> Author_.COLLECTION, () -> Book_.COLLECTION);

  /**
   * The schema of collection {@code authors}.
   */
  public static final CollectionSchema<Author> COLLECTION = CollectionSchema.builder("authors", Author.class)
      .table("authors")
      .fields(List.<Field<Author, ?>>of(id, name, biography, address))
      .relations(List.<Relation<Author, ?>>of(books))
      .codec(AuthorJson.CODEC)
      .insertCodec(AuthorJson.INSERT)
      .updateCodec(AuthorJson.UPDATE)
      .rowMapper(AuthorJdbc.INSTANCE)
      .binder(AuthorJdbc.INSTANCE)
      .rows(AuthorRow::new)
      .build();

  private Author_() {
  }
}

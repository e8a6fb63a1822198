package com.example.library;

import dev.live.json.Codecs;
import dev.live.query.ComparableField;
import dev.live.query.Field;
import dev.live.query.JsonField;
import dev.live.query.NullableComparableField;
import dev.live.query.Relation;
import dev.live.query.StringField;
import dev.live.query.ToMany;
import dev.live.query.ToOne;
import dev.live.query.ValueField;
import dev.live.schema.CollectionSchema;
import dev.live.schema.FieldInfo;
import dev.live.schema.FieldType;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * The metamodel of {@link Book}, collection {@code books}: typed paths to its fields and
 * relations for building queries, and its schema.
 *
 * <pre>{@code
 * BookQuery.where(Book_.id.eq(...))
 * }</pre>
 */
@Generated("dev.live.processor.LiveProcessor")
public final class Book_ {
  /**
   * Field {@code id}: {@code UUID}, required, the id.
   */
  public static final ValueField<Book, UUID> id = new ValueField<>(FieldInfo.of("id", 0, FieldType.UUID).id(), Codecs.UUID, Book::id);

  /**
   * Field {@code authorId}: {@code UUID}, required.
   */
  public static final ValueField<Book, UUID> authorId = new ValueField<>(FieldInfo.of("authorId", 1, FieldType.UUID).column("author_id").indexed(), Codecs.UUID, Book::authorId);

  /**
   * Field {@code title}: {@code String}, required.
   */
  public static final StringField<Book> title = new StringField<>(FieldInfo.of("title", 2, FieldType.STRING), Book::title);

  /**
   * Field {@code genre}: {@code Genre}, required.
   */
  public static final ValueField<Book, Genre> genre = new ValueField<>(FieldInfo.of("genre", 3, FieldType.ENUM), GenreJson.CODEC, Book::genre);

  /**
   * Field {@code tags}: {@code List<String>}, required.
   */
  public static final JsonField<Book, List<String>> tags = new JsonField<>(FieldInfo.of("tags", 4, FieldType.JSON), Codecs.list(Codecs.STRING), Book::tags);

  /**
   * Field {@code published}: {@code LocalDate}, nullable.
   */
  public static final NullableComparableField<Book, LocalDate> published = new NullableComparableField<>(FieldInfo.of("published", 5, FieldType.LOCAL_DATE).nullable(), Codecs.LOCAL_DATE, Book::published);

  /**
   * Field {@code pages}: {@code int}, required.
   */
  public static final ComparableField<Book, Integer> pages = new ComparableField<>(FieldInfo.of("pages", 6, FieldType.INT), Codecs.INT, Book::pages);

  /**
   * To-one relation {@code author}: the {@link Author} whose id is in {@code authorId}.
   */
  public static final ToOne<Book, Author> author = new ToOne<>("author", authorId, () -> Book_.COLLECTION, () -> Author_.COLLECTION);

  /**
   * To-many relation {@code loans}: the {@link Loan} rows whose {@code bookId} is this row's id.
   */
  public static final ToMany<Book, Loan> loans = new ToMany<>("loans", () -> Loan_.book, () -> Book_.COLLECTION, () -> Loan_.COLLECTION);

  /**
   * The schema of collection {@code books}.
   */
  public static final CollectionSchema<Book> COLLECTION = CollectionSchema.builder("books", Book.class)
      .table("books")
      .fields(List.<Field<Book, ?>>of(id, authorId, title, genre, tags, published, pages))
      .relations(List.<Relation<Book, ?>>of(author, loans))
      .codec(BookJson.CODEC)
      .insertCodec(BookJson.INSERT)
      .updateCodec(BookJson.UPDATE)
      .rowMapper(BookJdbc.INSTANCE)
      .binder(BookJdbc.INSTANCE)
      .rows(BookRow::new)
      .build();

  private Book_() {
  }
}

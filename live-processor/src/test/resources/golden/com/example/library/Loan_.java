package com.example.library;

import dev.live.json.Codecs;
import dev.live.query.ComparableField;
import dev.live.query.Field;
import dev.live.query.NullableComparableField;
import dev.live.query.Relation;
import dev.live.query.StringField;
import dev.live.query.ToOne;
import dev.live.query.ValueField;
import dev.live.schema.CollectionSchema;
import dev.live.schema.FieldInfo;
import dev.live.schema.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * The metamodel of {@link Loan}, collection {@code loans}: typed paths to its fields and
 * relations for building queries, and its schema.
 *
 * <pre>{@code
 * LoanQuery.where(Loan_.id.eq(...))
 * }</pre>
 */
@Generated("dev.live.processor.LiveProcessor")
public final class Loan_ {
  /**
   * Field {@code id}: {@code long}, required, the id.
   */
  public static final ComparableField<Loan, Long> id = new ComparableField<>(FieldInfo.of("id", 0, FieldType.LONG).id(), Codecs.LONG, Loan::id);

  /**
   * Field {@code bookId}: {@code UUID}, required.
   */
  public static final ValueField<Loan, UUID> bookId = new ValueField<>(FieldInfo.of("bookId", 1, FieldType.UUID).column("book_id"), Codecs.UUID, Loan::bookId);

  /**
   * Field {@code borrower}: {@code String}, required.
   */
  public static final StringField<Loan> borrower = new StringField<>(FieldInfo.of("borrower", 2, FieldType.STRING), Loan::borrower);

  /**
   * Field {@code due}: {@code Instant}, required.
   */
  public static final ComparableField<Loan, Instant> due = new ComparableField<>(FieldInfo.of("due", 3, FieldType.INSTANT), Codecs.INSTANT, Loan::due);

  /**
   * Field {@code fee}: {@code BigDecimal}, nullable.
   */
  public static final NullableComparableField<Loan, BigDecimal> fee = new NullableComparableField<>(FieldInfo.of("fee", 4, FieldType.DECIMAL).nullable(), Codecs.DECIMAL, Loan::fee);

  /**
   * To-one relation {@code book}: the {@link Book} whose id is in {@code bookId}.
   */
  public static final ToOne<Loan, Book> book = new ToOne<>("book", bookId, () -> Loan_.COLLECTION, () -> Book_.COLLECTION);

  /**
   * The schema of collection {@code loans}.
   */
  public static final CollectionSchema<Loan> COLLECTION = CollectionSchema.builder("loans", Loan.class)
      .table("loans")
      .fields(List.<Field<Loan, ?>>of(id, bookId, borrower, due, fee))
      .relations(List.<Relation<Loan, ?>>of(book))
      .codec(LoanJson.CODEC)
      .insertCodec(LoanJson.INSERT)
      .updateCodec(LoanJson.UPDATE)
      .rowMapper(LoanJdbc.INSTANCE)
      .binder(LoanJdbc.INSTANCE)
      .rows(LoanRow::new)
      .build();

  private Loan_() {
  }
}

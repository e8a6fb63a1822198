package com.example.library;

import dev.live.dto.UpdateDto;
import dev.live.jdbc.ParameterBinder;
import dev.live.jdbc.ParameterWriter;
import dev.live.jdbc.RowMapper;
import dev.live.jdbc.RowReader;
import dev.live.jdbc.StoredValues;
import dev.live.json.JsonWrites;
import dev.live.schema.FieldType;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Maps rows of table {@code loans} to {@link Loan} and binds its values to statement parameters.
 * Columns and parameters follow the record's component order.
 */
@Generated("dev.live.processor.LiveProcessor")
public final class LoanJdbc implements RowMapper<Loan>, ParameterBinder<Loan> {
  public static final LoanJdbc INSTANCE = new LoanJdbc();

  private LoanJdbc() {
  }

  @Override
  public Loan map(RowReader row, int first) throws SQLException {
    long id = row.getLong(first + 0);
    if (row.wasNull()) {
      throw StoredValues.nullInRequiredColumn("loans", "id");
    }
    UUID bookId = StoredValues.required(row.getUuid(first + 1), "loans", "book_id");
    String borrower = StoredValues.required(row.getString(first + 2), "loans", "borrower");
    Instant due = StoredValues.required(row.getInstant(first + 3), "loans", "due");
    BigDecimal fee = row.getDecimal(first + 4);
    return new Loan(id, bookId, borrower, due, fee);
  }

  @Override
  public int bind(ParameterWriter out, int first, Loan value) throws SQLException {
    bind_id(out, first + 0, value.id());
    bind_bookId(out, first + 1, value.bookId());
    bind_borrower(out, first + 2, value.borrower());
    bind_due(out, first + 3, value.due());
    bind_fee(out, first + 4, value.fee());
    return first + 5;
  }

  @Override
  public int bindChanges(ParameterWriter out, int first, UpdateDto<Loan> update) throws
      SQLException {
    int next = first;
    if (update.isSet(Loan_.bookId)) {
      bind_bookId(out, next++, update.get(Loan_.bookId));
    }
    if (update.isSet(Loan_.borrower)) {
      bind_borrower(out, next++, update.get(Loan_.borrower));
    }
    if (update.isSet(Loan_.due)) {
      bind_due(out, next++, update.get(Loan_.due));
    }
    if (update.isSet(Loan_.fee)) {
      bind_fee(out, next++, update.get(Loan_.fee));
    }
    return next;
  }

  private static void bind_id(ParameterWriter out, int index, long value) throws SQLException {
    out.setLong(index, value);
  }

  private static void bind_bookId(ParameterWriter out, int index, UUID value) throws SQLException {
    if (value == null) {
      throw JsonWrites.nullInRequiredField("Loan", "bookId");
    }
    out.setUuid(index, value);
  }

  private static void bind_borrower(ParameterWriter out, int index, String value) throws
      SQLException {
    if (value == null) {
      throw JsonWrites.nullInRequiredField("Loan", "borrower");
    }
    out.setString(index, value);
  }

  private static void bind_due(ParameterWriter out, int index, Instant value) throws SQLException {
    if (value == null) {
      throw JsonWrites.nullInRequiredField("Loan", "due");
    }
    out.setInstant(index, value);
  }

  private static void bind_fee(ParameterWriter out, int index, BigDecimal value) throws
      SQLException {
    if (value == null) {
      out.setNull(index, FieldType.DECIMAL);
      return;
    }
    out.setDecimal(index, value);
  }
}

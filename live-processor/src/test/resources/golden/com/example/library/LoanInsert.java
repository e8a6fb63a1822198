package com.example.library;

import dev.live.dto.InsertDto;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.schema.CollectionSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.annotation.processing.Generated;
import org.jspecify.annotations.Nullable;

/**
 * A new row of collection {@code loans}. Required fields must be set; nullable ones may be left
 * out.
 *
 * <pre>{@code
 * LoanInsert.builder().id(...).bookId(...).borrower(...).due(...).build()
 * }</pre>
 */
@Generated("dev.live.processor.LiveProcessor")
public record LoanInsert(long id, UUID bookId, String borrower, Instant due,
    @Nullable BigDecimal fee) implements InsertDto<Loan> {
  public LoanInsert {
    if (bookId == null || borrower == null || due == null) {
      List<String> missing = new ArrayList<>();
      if (bookId == null) {
        missing.add("bookId");
      }
      if (borrower == null) {
        missing.add("borrower");
      }
      if (due == null) {
        missing.add("due");
      }
      throw LoanInsert.missing(missing);
    }
  }

  /**
   * A builder with nothing set.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * An insert of {@code row} as it is; a required component holding null is reported as missing.
   */
  public static LoanInsert of(Loan row) {
    return new LoanInsert(row.id(), row.bookId(), row.borrower(), row.due(), row.fee());
  }

  @Override
  public CollectionSchema<Loan> collection() {
    return Loan_.COLLECTION;
  }

  @Override
  public Loan toRecord() {
    return new Loan(id, bookId, borrower, due, fee);
  }

  private static LiveException missing(List<String> missing) {
    return new LiveException(ErrorCode.MISSING_FIELD, "LoanInsert is missing required " + (missing.size() == 1 ? "field: " : "fields: ") + String.join(", ", missing));
  }

  /**
   * Collects the fields of a {@link LoanInsert}; {@link #build()} reports every missing required field.
   */
  public static final class Builder {
    private Long id;

    private UUID bookId;

    private String borrower;

    private Instant due;

    private BigDecimal fee;

    private Builder() {
    }

    public Builder id(long id) {
      this.id = id;
      return this;
    }

    public Builder bookId(UUID bookId) {
      this.bookId = bookId;
      return this;
    }

    public Builder borrower(String borrower) {
      this.borrower = borrower;
      return this;
    }

    public Builder due(Instant due) {
      this.due = due;
      return this;
    }

    public Builder fee(@Nullable BigDecimal fee) {
      this.fee = fee;
      return this;
    }

    /**
     * The insert, or a {@code MISSING_FIELD} error naming every required field left unset.
     */
    public LoanInsert build() {
      List<String> missing = new ArrayList<>();
      if (id == null) {
        missing.add("id");
      }
      if (bookId == null) {
        missing.add("bookId");
      }
      if (borrower == null) {
        missing.add("borrower");
      }
      if (due == null) {
        missing.add("due");
      }
      if (!missing.isEmpty()) {
        throw LoanInsert.missing(missing);
      }
      return new LoanInsert(id, bookId, borrower, due, fee);
    }
  }
}

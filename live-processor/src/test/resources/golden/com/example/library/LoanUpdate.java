package com.example.library;

import dev.live.dto.UpdateDto;
import dev.live.schema.CollectionSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import javax.annotation.processing.Generated;
import org.jspecify.annotations.Nullable;

/**
 * A change to some fields of a row of collection {@code loans}; the id cannot change.
 * Immutable: each setter returns a new update.
 *
 * <pre>{@code
 * LoanUpdate.of().bookId(...)
 * }</pre>
 */
@Generated("dev.live.processor.LiveProcessor")
public final class LoanUpdate extends UpdateDto<Loan> {
  private static final LoanUpdate EMPTY = new LoanUpdate();

  private LoanUpdate() {
    super(5);
  }

  private LoanUpdate(LoanUpdate from, int index, Object value) {
    super(from, index, value);
  }

  /**
   * An update that changes nothing yet.
   */
  public static LoanUpdate of() {
    return EMPTY;
  }

  /**
   * Sets {@code bookId}, which is required: null is refused.
   */
  public LoanUpdate bookId(UUID bookId) {
    return new LoanUpdate(this, 1, requireValue(bookId, "LoanUpdate", "bookId"));
  }

  /**
   * Sets {@code borrower}, which is required: null is refused.
   */
  public LoanUpdate borrower(String borrower) {
    return new LoanUpdate(this, 2, requireValue(borrower, "LoanUpdate", "borrower"));
  }

  /**
   * Sets {@code due}, which is required: null is refused.
   */
  public LoanUpdate due(Instant due) {
    return new LoanUpdate(this, 3, requireValue(due, "LoanUpdate", "due"));
  }

  /**
   * Sets {@code fee}; null clears it.
   */
  public LoanUpdate fee(@Nullable BigDecimal fee) {
    return new LoanUpdate(this, 4, fee);
  }

  @Override
  public CollectionSchema<Loan> collection() {
    return Loan_.COLLECTION;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Loan applyTo(Loan before) {
    return new Loan(
        before.id(),
        isSetAt(1) ? (UUID) valueAt(1) : before.bookId(),
        isSetAt(2) ? (String) valueAt(2) : before.borrower(),
        isSetAt(3) ? (Instant) valueAt(3) : before.due(),
        isSetAt(4) ? (BigDecimal) valueAt(4) : before.fee());
  }
}

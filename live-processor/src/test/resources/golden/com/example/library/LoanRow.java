package com.example.library;

import dev.live.query.IncludedValues;
import dev.live.query.LiveRow;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * A {@link Loan} with the related rows its query included. An accessor of a relation
 * the query did not include throws {@link IllegalStateException}.
 */
@Generated("dev.live.processor.LiveProcessor")
public final class LoanRow extends LiveRow<Loan> {
  public LoanRow(Loan value, IncludedValues included) {
    super(value, included);
  }

  /**
   * The included {@code book}: the row of {@code books} that {@code bookId} refers to;
   * empty when there is none or it may not be read.
   */
  public Optional<BookRow> book() {
    return toOne(Loan_.book);
  }
}

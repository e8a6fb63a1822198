package com.example.library;

import dev.live.query.IncludedValues;
import dev.live.query.LiveRow;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * A {@link Book} with the related rows its query included. An accessor of a relation
 * the query did not include throws {@link IllegalStateException}.
 */
@Generated("dev.live.processor.LiveProcessor")
public final class BookRow extends LiveRow<Book> {
  public BookRow(Book value, IncludedValues included) {
    super(value, included);
  }

  /**
   * The included {@code author}: the row of {@code authors} that {@code authorId} refers to;
   * empty when there is none or it may not be read.
   */
  public Optional<AuthorRow> author() {
    return toOne(Book_.author);
  }

  /**
   * The included {@code loans}: rows of {@code loans} referring to this one.
   */
  public List<LoanRow> loans() {
    return toMany(Book_.loans);
  }
}

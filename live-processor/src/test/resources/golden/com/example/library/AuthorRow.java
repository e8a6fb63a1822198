package com.example.library;

import dev.live.query.IncludedValues;
import dev.live.query.LiveRow;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * A {@link Author} with the related rows its query included. An accessor of a relation
 * the query did not include throws {@link IllegalStateException}.
 */
@Generated("dev.live.processor.LiveProcessor")
public final class AuthorRow extends LiveRow<Author> {
  public AuthorRow(Author value, IncludedValues included) {
    super(value, included);
  }

  /**
   * The included {@code books}: rows of {@code books} referring to this one.
   */
  public List<BookRow> books() {
    return toMany(Author_.books);
  }
}

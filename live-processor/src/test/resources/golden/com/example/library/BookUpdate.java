package com.example.library;

import dev.live.dto.DtoValues;
import dev.live.dto.UpdateDto;
import dev.live.schema.CollectionSchema;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.annotation.processing.Generated;
import org.jspecify.annotations.Nullable;

/**
 * A change to some fields of a row of collection {@code books}; the id cannot change.
 * Immutable: each setter returns a new update.
 *
 * <pre>{@code
 * BookUpdate.of().authorId(...)
 * }</pre>
 */
@Generated("dev.live.processor.LiveProcessor")
public final class BookUpdate extends UpdateDto<Book> {
  private static final BookUpdate EMPTY = new BookUpdate();

  private BookUpdate() {
    super(7);
  }

  private BookUpdate(BookUpdate from, int index, Object value) {
    super(from, index, value);
  }

  /**
   * An update that changes nothing yet.
   */
  public static BookUpdate of() {
    return EMPTY;
  }

  /**
   * Sets {@code authorId}, which is required: null is refused.
   */
  public BookUpdate authorId(UUID authorId) {
    return new BookUpdate(this, 1, requireValue(authorId, "BookUpdate", "authorId"));
  }

  /**
   * Sets {@code title}, which is required: null is refused.
   */
  public BookUpdate title(String title) {
    return new BookUpdate(this, 2, requireValue(title, "BookUpdate", "title"));
  }

  /**
   * Sets {@code genre}, which is required: null is refused.
   */
  public BookUpdate genre(Genre genre) {
    return new BookUpdate(this, 3, requireValue(genre, "BookUpdate", "genre"));
  }

  /**
   * Sets {@code tags}, which is required: null is refused.
   */
  public BookUpdate tags(List<String> tags) {
    return new BookUpdate(this, 4, requireValue(DtoValues.copyList(tags, "BookUpdate", "tags"), "BookUpdate", "tags"));
  }

  /**
   * Sets {@code published}; null clears it.
   */
  public BookUpdate published(@Nullable LocalDate published) {
    return new BookUpdate(this, 5, published);
  }

  /**
   * Sets {@code pages}.
   */
  public BookUpdate pages(int pages) {
    return new BookUpdate(this, 6, pages);
  }

  @Override
  public CollectionSchema<Book> collection() {
    return Book_.COLLECTION;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Book applyTo(Book before) {
    return new Book(
        before.id(),
        isSetAt(1) ? (UUID) valueAt(1) : before.authorId(),
        isSetAt(2) ? (String) valueAt(2) : before.title(),
        isSetAt(3) ? (Genre) valueAt(3) : before.genre(),
        isSetAt(4) ? (List<String>) valueAt(4) : before.tags(),
        isSetAt(5) ? (LocalDate) valueAt(5) : before.published(),
        isSetAt(6) ? (int) valueAt(6) : before.pages());
  }
}

package com.example.library;

import dev.live.dto.UpdateDto;
import dev.live.schema.CollectionSchema;
import javax.annotation.processing.Generated;
import org.jspecify.annotations.Nullable;

/**
 * A change to some fields of a row of collection {@code authors}; the id cannot change.
 * Immutable: each setter returns a new update.
 *
 * <pre>{@code
 * AuthorUpdate.of().name(...)
 * }</pre>
 */
@Generated("dev.live.processor.LiveProcessor")
public final class AuthorUpdate extends UpdateDto<Author> {
  private static final AuthorUpdate EMPTY = new AuthorUpdate();

  private AuthorUpdate() {
    super(4);
  }

  private AuthorUpdate(AuthorUpdate from, int index, Object value) {
    super(from, index, value);
  }

  /**
   * An update that changes nothing yet.
   */
  public static AuthorUpdate of() {
    return EMPTY;
  }

  /**
   * Sets {@code name}, which is required: null is refused.
   */
  public AuthorUpdate name(String name) {
    return new AuthorUpdate(this, 1, requireValue(name, "AuthorUpdate", "name"));
  }

  /**
   * Sets {@code biography}; null clears it.
   */
  public AuthorUpdate biography(@Nullable String biography) {
    return new AuthorUpdate(this, 2, biography);
  }

  /**
   * Sets {@code address}, which is required: null is refused.
   */
  public AuthorUpdate address(Address address) {
    return new AuthorUpdate(this, 3, requireValue(address, "AuthorUpdate", "address"));
  }

  @Override
  public CollectionSchema<Author> collection() {
    return Author_.COLLECTION;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Author applyTo(Author before) {
    return new Author(
        before.id(),
        isSetAt(1) ? (String) valueAt(1) : before.name(),
        isSetAt(2) ? (String) valueAt(2) : before.biography(),
        isSetAt(3) ? (Address) valueAt(3) : before.address());
  }
}

package com.example.library;

import dev.live.dto.InsertDto;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.schema.CollectionSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.annotation.processing.Generated;
import org.jspecify.annotations.Nullable;

/**
 * A new row of collection {@code authors}. Required fields must be set; nullable ones may be left
 * out.
 *
 * <pre>{@code
 * AuthorInsert.builder().id(...).name(...).address(...).build()
 * }</pre>
 */
@Generated("dev.live.processor.LiveProcessor")
public record AuthorInsert(UUID id, String name, @Nullable String biography,
    Address address) implements InsertDto<Author> {
  public AuthorInsert {
    if (id == null || name == null || address == null) {
      List<String> missing = new ArrayList<>();
      if (id == null) {
        missing.add("id");
      }
      if (name == null) {
        missing.add("name");
      }
      if (address == null) {
        missing.add("address");
      }
      throw AuthorInsert.missing(missing);
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
  public static AuthorInsert of(Author row) {
    return new AuthorInsert(row.id(), row.name(), row.biography(), row.address());
  }

  @Override
  public CollectionSchema<Author> collection() {
    return Author_.COLLECTION;
  }

  @Override
  public Author toRecord() {
    return new Author(id, name, biography, address);
  }

  private static LiveException missing(List<String> missing) {
    return new LiveException(ErrorCode.MISSING_FIELD, "AuthorInsert is missing required " + (missing.size() == 1 ? "field: " : "fields: ") + String.join(", ", missing));
  }

  /**
   * Collects the fields of a {@link AuthorInsert}; {@link #build()} reports every missing required field.
   */
  public static final class Builder {
    private UUID id;

    private String name;

    private String biography;

    private Address address;

    private Builder() {
    }

    public Builder id(UUID id) {
      this.id = id;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder biography(@Nullable String biography) {
      this.biography = biography;
      return this;
    }

    public Builder address(Address address) {
      this.address = address;
      return this;
    }

    /**
     * The insert, or a {@code MISSING_FIELD} error naming every required field left unset.
     */
    public AuthorInsert build() {
      List<String> missing = new ArrayList<>();
      if (id == null) {
        missing.add("id");
      }
      if (name == null) {
        missing.add("name");
      }
      if (address == null) {
        missing.add("address");
      }
      if (!missing.isEmpty()) {
        throw AuthorInsert.missing(missing);
      }
      return new AuthorInsert(id, name, biography, address);
    }
  }
}

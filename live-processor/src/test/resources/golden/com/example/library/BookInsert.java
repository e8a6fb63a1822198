package com.example.library;

import dev.live.dto.DtoValues;
import dev.live.dto.InsertDto;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.schema.CollectionSchema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.annotation.processing.Generated;
import org.jspecify.annotations.Nullable;

/**
 * A new row of collection {@code books}. Required fields must be set; nullable ones may be left
 * out.
 *
 * <pre>{@code
 * BookInsert.builder().id(...).authorId(...).title(...).genre(...).tags(...).pages(...).build()
 * }</pre>
 */
@Generated("dev.live.processor.LiveProcessor")
public record BookInsert(UUID id, UUID authorId, String title, Genre genre, List<String> tags,
    @Nullable LocalDate published, int pages) implements InsertDto<Book> {
  public BookInsert {
    if (id == null || authorId == null || title == null || genre == null || tags == null) {
      List<String> missing = new ArrayList<>();
      if (id == null) {
        missing.add("id");
      }
      if (authorId == null) {
        missing.add("authorId");
      }
      if (title == null) {
        missing.add("title");
      }
      if (genre == null) {
        missing.add("genre");
      }
      if (tags == null) {
        missing.add("tags");
      }
      throw BookInsert.missing(missing);
    }
    tags = DtoValues.copyList(tags, "BookInsert", "tags");
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
  public static BookInsert of(Book row) {
    return new BookInsert(row.id(), row.authorId(), row.title(), row.genre(), row.tags(), row.published(), row.pages());
  }

  @Override
  public CollectionSchema<Book> collection() {
    return Book_.COLLECTION;
  }

  @Override
  public Book toRecord() {
    return new Book(id, authorId, title, genre, tags, published, pages);
  }

  private static LiveException missing(List<String> missing) {
    return new LiveException(ErrorCode.MISSING_FIELD, "BookInsert is missing required " + (missing.size() == 1 ? "field: " : "fields: ") + String.join(", ", missing));
  }

  /**
   * Collects the fields of a {@link BookInsert}; {@link #build()} reports every missing required field.
   */
  public static final class Builder {
    private UUID id;

    private UUID authorId;

    private String title;

    private Genre genre;

    private List<String> tags;

    private LocalDate published;

    private Integer pages;

    private Builder() {
    }

    public Builder id(UUID id) {
      this.id = id;
      return this;
    }

    public Builder authorId(UUID authorId) {
      this.authorId = authorId;
      return this;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder genre(Genre genre) {
      this.genre = genre;
      return this;
    }

    public Builder tags(List<String> tags) {
      this.tags = tags;
      return this;
    }

    public Builder published(@Nullable LocalDate published) {
      this.published = published;
      return this;
    }

    public Builder pages(int pages) {
      this.pages = pages;
      return this;
    }

    /**
     * The insert, or a {@code MISSING_FIELD} error naming every required field left unset.
     */
    public BookInsert build() {
      List<String> missing = new ArrayList<>();
      if (id == null) {
        missing.add("id");
      }
      if (authorId == null) {
        missing.add("authorId");
      }
      if (title == null) {
        missing.add("title");
      }
      if (genre == null) {
        missing.add("genre");
      }
      if (tags == null) {
        missing.add("tags");
      }
      if (pages == null) {
        missing.add("pages");
      }
      if (!missing.isEmpty()) {
        throw BookInsert.missing(missing);
      }
      return new BookInsert(id, authorId, title, genre, tags, published, pages);
    }
  }
}

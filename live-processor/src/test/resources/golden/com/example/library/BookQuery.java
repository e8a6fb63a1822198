package com.example.library;

import dev.live.query.Condition;
import dev.live.query.Includable;
import dev.live.query.ListQuery;
import dev.live.query.Order;
import dev.live.query.QuerySpec;
import dev.live.query.RowShape;
import dev.live.query.SingleQuery;
import java.util.Arrays;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * A typed query of collection {@code books}; immutable, each method returns a new query.
 *
 * <pre>{@code
 * BookQuery.where(Book_.id.eq(...)).orderBy(Book_.id.asc()).limit(20)
 * }</pre>
 *
 * @param <R> the result row: {@link Book}, or {@link BookRow} once something is included
 */
@Generated("dev.live.processor.LiveProcessor")
public final class BookQuery<R> extends ListQuery<Book, R> {
  private static final RowShape<Book, BookRow> ROWS = BookRow::new;

  private BookQuery(QuerySpec<Book> spec, RowShape<Book, R> shape) {
    super(spec, shape);
  }

  /**
   * Every row of {@code books}.
   */
  public static BookQuery<Book> all() {
    return new BookQuery<>(QuerySpec.all(Book_.COLLECTION), RowShape.plain());
  }

  /**
   * The rows of {@code books} matching {@code condition}.
   */
  public static BookQuery<Book> where(Condition<Book> condition) {
    return all().and(condition);
  }

  /**
   * Also requires {@code condition}.
   */
  public BookQuery<R> and(Condition<Book> condition) {
    return new BookQuery<>(spec().and(condition), shape());
  }

  /**
   * Accepts rows matching the conditions so far or {@code condition}.
   */
  public BookQuery<R> or(Condition<Book> condition) {
    return new BookQuery<>(spec().or(condition), shape());
  }

  /**
   * Orders the results by these keys, after any earlier ones.
   */
  @SafeVarargs
  @SuppressWarnings("varargs")
  public final BookQuery<R> orderBy(Order<Book>... orders) {
    return new BookQuery<>(spec().orderBy(Arrays.asList(orders)), shape());
  }

  /**
   * At most {@code limit} rows (at least 1).
   */
  public BookQuery<R> limit(int limit) {
    return new BookQuery<>(spec().limit(limit), shape());
  }

  /**
   * Loads related rows with each result; results become {@link BookRow}.
   */
  @SafeVarargs
  @SuppressWarnings("varargs")
  public final BookQuery<BookRow> include(Includable<Book>... includes) {
    return new BookQuery<>(spec().include(Arrays.asList(includes)), ROWS);
  }

  /**
   * The first matching row in this query's order, if any.
   */
  public SingleQuery<Book, R> first() {
    return new SingleQuery<>(spec().first(), shape());
  }

  /**
   * The row whose {@code id} is {@code id}, if it exists and matches.
   */
  public SingleQuery<Book, R> one(UUID id) {
    return new SingleQuery<>(spec().one(id), shape());
  }
}

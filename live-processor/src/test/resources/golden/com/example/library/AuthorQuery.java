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
 * A typed query of collection {@code authors}; immutable, each method returns a new query.
 *
 * <pre>{@code
 * AuthorQuery.where(Author_.id.eq(...)).orderBy(Author_.id.asc()).limit(20)
 * }</pre>
 *
 * @param <R> the result row: {@link Author}, or {@link AuthorRow} once something is included
 */
@Generated("dev.live.processor.LiveProcessor")
public final class AuthorQuery<R> extends ListQuery<Author, R> {
  private static final RowShape<Author, AuthorRow> ROWS = AuthorRow::new;

  private AuthorQuery(QuerySpec<Author> spec, RowShape<Author, R> shape) {
    super(spec, shape);
  }

  /**
   * Every row of {@code authors}.
   */
  public static AuthorQuery<Author> all() {
    return new AuthorQuery<>(QuerySpec.all(Author_.COLLECTION), RowShape.plain());
  }

  /**
   * The rows of {@code authors} matching {@code condition}.
   */
  public static AuthorQuery<Author> where(Condition<Author> condition) {
    return all().and(condition);
  }

  /**
   * Also requires {@code condition}.
   */
  public AuthorQuery<R> and(Condition<Author> condition) {
    return new AuthorQuery<>(spec().and(condition), shape());
  }

  /**
   * Accepts rows matching the conditions so far or {@code condition}.
   */
  public AuthorQuery<R> or(Condition<Author> condition) {
    return new AuthorQuery<>(spec().or(condition), shape());
  }

  /**
   * Orders the results by these keys, after any earlier ones.
   */
  @SafeVarargs
  @SuppressWarnings("varargs")
  public final AuthorQuery<R> orderBy(Order<Author>... orders) {
    return new AuthorQuery<>(spec().orderBy(Arrays.asList(orders)), shape());
  }

  /**
   * At most {@code limit} rows (at least 1).
   */
  public AuthorQuery<R> limit(int limit) {
    return new AuthorQuery<>(spec().limit(limit), shape());
  }

  /**
   * Loads related rows with each result; results become {@link AuthorRow}.
   */
  @SafeVarargs
  @SuppressWarnings("varargs")
  public final AuthorQuery<AuthorRow> include(Includable<Author>... includes) {
    return new AuthorQuery<>(spec().include(Arrays.asList(includes)), ROWS);
  }

  /**
   * The first matching row in this query's order, if any.
   */
  public SingleQuery<Author, R> first() {
    return new SingleQuery<>(spec().first(), shape());
  }

  /**
   * The row whose {@code id} is {@code id}, if it exists and matches.
   */
  public SingleQuery<Author, R> one(UUID id) {
    return new SingleQuery<>(spec().one(id), shape());
  }
}

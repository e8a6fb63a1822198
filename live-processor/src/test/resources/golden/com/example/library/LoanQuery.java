package com.example.library;

import dev.live.query.Condition;
import dev.live.query.Includable;
import dev.live.query.ListQuery;
import dev.live.query.Order;
import dev.live.query.QuerySpec;
import dev.live.query.RowShape;
import dev.live.query.SingleQuery;
import java.util.Arrays;
import javax.annotation.processing.Generated;

/**
 * A typed query of collection {@code loans}; immutable, each method returns a new query.
 *
 * <pre>{@code
 * LoanQuery.where(Loan_.id.eq(...)).orderBy(Loan_.id.asc()).limit(20)
 * }</pre>
 *
 * @param <R> the result row: {@link Loan}, or {@link LoanRow} once something is included
 */
@Generated("dev.live.processor.LiveProcessor")
public final class LoanQuery<R> extends ListQuery<Loan, R> {
  private static final RowShape<Loan, LoanRow> ROWS = LoanRow::new;

  private LoanQuery(QuerySpec<Loan> spec, RowShape<Loan, R> shape) {
    super(spec, shape);
  }

  /**
   * Every row of {@code loans}.
   */
  public static LoanQuery<Loan> all() {
    return new LoanQuery<>(QuerySpec.all(Loan_.COLLECTION), RowShape.plain());
  }

  /**
   * The rows of {@code loans} matching {@code condition}.
   */
  public static LoanQuery<Loan> where(Condition<Loan> condition) {
    return all().and(condition);
  }

  /**
   * Also requires {@code condition}.
   */
  public LoanQuery<R> and(Condition<Loan> condition) {
    return new LoanQuery<>(spec().and(condition), shape());
  }

  /**
   * Accepts rows matching the conditions so far or {@code condition}.
   */
  public LoanQuery<R> or(Condition<Loan> condition) {
    return new LoanQuery<>(spec().or(condition), shape());
  }

  /**
   * Orders the results by these keys, after any earlier ones.
   */
  @SafeVarargs
  @SuppressWarnings("varargs")
  public final LoanQuery<R> orderBy(Order<Loan>... orders) {
    return new LoanQuery<>(spec().orderBy(Arrays.asList(orders)), shape());
  }

  /**
   * At most {@code limit} rows (at least 1).
   */
  public LoanQuery<R> limit(int limit) {
    return new LoanQuery<>(spec().limit(limit), shape());
  }

  /**
   * Loads related rows with each result; results become {@link LoanRow}.
   */
  @SafeVarargs
  @SuppressWarnings("varargs")
  public final LoanQuery<LoanRow> include(Includable<Loan>... includes) {
    return new LoanQuery<>(spec().include(Arrays.asList(includes)), ROWS);
  }

  /**
   * The first matching row in this query's order, if any.
   */
  public SingleQuery<Loan, R> first() {
    return new SingleQuery<>(spec().first(), shape());
  }

  /**
   * The row whose {@code id} is {@code id}, if it exists and matches.
   */
  public SingleQuery<Loan, R> one(long id) {
    return new SingleQuery<>(spec().one(id), shape());
  }
}

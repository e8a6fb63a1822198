package dev.live.subscription;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a subscription's listener gets: the rows of its query as the client sees them now, in
 * order, immutable and typed (the records, or the generated row types with included rows). The
 * client's own mutations that the server has not confirmed yet are applied, and {@link
 * #isPending} tells those rows apart; once confirmed they hold the server's values, and a
 * rejected one is rolled back.
 */
public final class QueryResult<R> {
  private final List<R> rows;
  private final long version;
  private final Set<Object> pendingIds;
  private final Function<R, Object> idOf;

  /**
   * A result of {@code rows} at {@code version}, where the rows whose id ({@code idOf}) is in
   * {@code pendingIds} hold mutations of this client that the server has not confirmed yet. The
   * client builds these; a test or a fake client may too.
   */
  public static <R> QueryResult<R> of(List<R> rows, long version, Set<Object> pendingIds, Function<R, Object> idOf) {
    return new QueryResult<>(rows, version, pendingIds, idOf);
  }

  private QueryResult(List<R> rows, long version, Set<Object> pendingIds, Function<R, Object> idOf) {
    this.rows = List.copyOf(rows);
    this.version = version;
    this.pendingIds = Set.copyOf(pendingIds);
    this.idOf = idOf;
  }

  /** The rows, in the query's order. */
  public List<R> rows() {
    return rows;
  }

  /** The first row, if any: the result of a {@code first()} or {@code one(id)} query. */
  public Optional<R> first() {
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** The server version the confirmed part of the result is at. */
  public long version() {
    return version;
  }

  /** Whether {@code row} shows a mutation of this client that the server has not confirmed yet. */
  public boolean isPending(R row) {
    return pendingIds.contains(idOf.apply(row));
  }

  /** The ids of the rows that show a mutation the server has not confirmed yet. */
  public Set<Object> pendingIds() {
    return pendingIds;
  }

  /** Whether any row is pending. */
  public boolean hasPending() {
    return !pendingIds.isEmpty();
  }

  /** Equal when the rows and what is pending are: the version alone does not make a change. */
  @Override
  public boolean equals(Object other) {
    return other instanceof QueryResult<?> that && rows.equals(that.rows) && pendingIds.equals(that.pendingIds);
  }

  @Override
  public int hashCode() {
    return rows.hashCode() * 31 + pendingIds.hashCode();
  }

  @Override
  public String toString() {
    return "QueryResult" + rows + (pendingIds.isEmpty() ? "" : " pending " + pendingIds) + " at " + version;
  }
}

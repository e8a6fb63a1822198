package dev.live.subscription;

import dev.live.procedure.ProcedureDescriptor;
import dev.live.query.RowShape;
import dev.live.query.TypedQuery;
import org.jspecify.annotations.Nullable;

/**
 * Follows live query procedures. The generated stubs' live query methods ({@code
 * BoardQueriesClient.of(client).openTasks("b1")}) are built on it; the Live client implements it.
 */
public interface ProcedureSubscriber {
  /**
   * Live query procedure {@code procedure} with {@code input} (null when it takes none), to
   * follow: the server runs it once and keeps the query it returned current; {@code shape} builds
   * the result rows (the records, or the generated row type when the query includes related rows).
   */
  <I, T, R> Subscribable<R> procedure(ProcedureDescriptor<I, TypedQuery<T, ?>> procedure, @Nullable I input,
      RowShape<T, R> shape);
}

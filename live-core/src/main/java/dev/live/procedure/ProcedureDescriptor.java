package dev.live.procedure;

import dev.live.annotations.Procedure;
import dev.live.query.TypedQuery;
import dev.live.schema.CollectionSchema;
import java.util.Objects;
import java.util.Optional;

/**
 * One procedure as the schema lists it, generated into {@code TaskProcedures_}: its name, its
 * kind, and its input and output (absent for a procedure without input, or returning {@code
 * void}). Both the server dispatcher and the client stub use it.
 *
 * <p>A <em>live query procedure</em> is a {@code QUERY} procedure returning a query builder
 * ({@code TaskQuery}): its {@link #liveQuery()} names the collection the query reads, and it has
 * no output codec, because its result is the query's rows, read by the server with the caller's
 * read rules, and subscribing to it works like subscribing to the query.
 *
 * @param <I> the input type ({@code Void} when there is none)
 * @param <O> the output type ({@code Void} for {@code void})
 */
public record ProcedureDescriptor<I, O>(
    String name,
    Procedure.Kind kind,
    Optional<ProcedureValue<I>> input,
    Optional<ProcedureValue<O>> output,
    Optional<CollectionSchema<?>> liveQuery) {

  public ProcedureDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(liveQuery, "liveQuery");
    if (liveQuery.isPresent() && (kind != Procedure.Kind.QUERY || output.isPresent())) {
      throw new IllegalArgumentException("live query procedure " + name + " must be of kind QUERY, without an output codec");
    }
  }

  /** A procedure whose result is a value encoded by {@code output}'s codec. */
  public ProcedureDescriptor(String name, Procedure.Kind kind, Optional<ProcedureValue<I>> input,
      Optional<ProcedureValue<O>> output) {
    this(name, kind, input, output, Optional.empty());
  }

  /** A live query procedure: it returns a query over {@code collection}. */
  public static <I, T> ProcedureDescriptor<I, TypedQuery<T, ?>> liveQuery(String name,
      Optional<ProcedureValue<I>> input, CollectionSchema<T> collection) {
    return new ProcedureDescriptor<>(name, Procedure.Kind.QUERY, input, Optional.empty(),
        Optional.of(Objects.requireNonNull(collection, "collection")));
  }

  /** True for a procedure returning a live query. */
  public boolean isLiveQuery() {
    return liveQuery.isPresent();
  }
}

package dev.live.procedure;

import dev.live.annotations.Procedure;
import dev.live.query.TypedQuery;
import dev.live.schema.CollectionSchema;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
 * <p>{@link #roles()} are those of {@code @Procedure(roles = ...)}: a caller needs one of them
 * ({@link ProcedureRoles#missing}); none lets everyone call.
 *
 * @param <I> the input type ({@code Void} when there is none)
 * @param <O> the output type ({@code Void} for {@code void})
 */
public record ProcedureDescriptor<I, O>(
    String name,
    Procedure.Kind kind,
    Optional<ProcedureValue<I>> input,
    Optional<ProcedureValue<O>> output,
    Optional<CollectionSchema<?>> liveQuery,
    Set<String> roles) {

  public ProcedureDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(liveQuery, "liveQuery");
    roles = ProcedureRoles.checked(name, Objects.requireNonNull(roles, "roles"));
    if (liveQuery.isPresent() && (kind != Procedure.Kind.QUERY || output.isPresent())) {
      throw new IllegalArgumentException("live query procedure " + name + " must be of kind QUERY, without an output codec");
    }
  }

  /** A procedure whose result is a value encoded by {@code output}'s codec, open to every caller. */
  public ProcedureDescriptor(String name, Procedure.Kind kind, Optional<ProcedureValue<I>> input,
      Optional<ProcedureValue<O>> output) {
    this(name, kind, input, output, Optional.empty(), Set.of());
  }

  /** A live query procedure: it returns a query over {@code collection}; open to every caller. */
  public static <I, T> ProcedureDescriptor<I, TypedQuery<T, ?>> liveQuery(String name,
      Optional<ProcedureValue<I>> input, CollectionSchema<T> collection) {
    return new ProcedureDescriptor<>(name, Procedure.Kind.QUERY, input, Optional.empty(),
        Optional.of(Objects.requireNonNull(collection, "collection")), Set.of());
  }

  /**
   * This procedure, callable only by callers with one of {@code roles}; the processor generates
   * it for {@code @Procedure(roles = ...)}.
   *
   * @throws IllegalArgumentException for a role of another shape than {@link ProcedureRoles#isValid}
   *     accepts, or one named twice
   */
  public ProcedureDescriptor<I, O> withRoles(String... roles) {
    return new ProcedureDescriptor<>(name, kind, input, output, liveQuery,
        ProcedureRoles.checked(name, Arrays.asList(roles)));
  }

  /** True for a procedure returning a live query. */
  public boolean isLiveQuery() {
    return liveQuery.isPresent();
  }
}

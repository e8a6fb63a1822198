package dev.live.procedure;

import dev.live.annotations.Procedure;
import java.util.Objects;
import java.util.Optional;

/**
 * One procedure as the schema lists it, generated into {@code TaskProcedures_}: its name, its
 * kind, and its input and output (absent for a procedure without input, or returning {@code
 * void}). Both the server dispatcher and the client stub use it.
 *
 * @param <I> the input type ({@code Void} when there is none)
 * @param <O> the output type ({@code Void} for {@code void})
 */
public record ProcedureDescriptor<I, O>(
    String name,
    Procedure.Kind kind,
    Optional<ProcedureValue<I>> input,
    Optional<ProcedureValue<O>> output) {

  public ProcedureDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
  }
}

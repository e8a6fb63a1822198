package dev.live.procedure;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A procedure call whose input has been decoded, ready to run: what {@link
 * ProcedureDispatcher#decode} returns and {@link ProcedureDispatcher#call(ProcedureCall,
 * ProcedureContext)} runs.
 *
 * @param input the decoded input; null when the procedure takes none or it was given as null
 */
public record ProcedureCall(ProcedureDescriptor<?, ?> procedure, @Nullable Object input) {
  public ProcedureCall {
    Objects.requireNonNull(procedure, "procedure");
  }
}

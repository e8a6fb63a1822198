package dev.live.procedure;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.live.query.TypedQuery;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a successful call: the procedure and the value it returned, ready to be
 * written into a reply. Encoding is separate from the call so that a reply frame is only begun
 * once the call has succeeded.
 */
public record ProcedureResult(ProcedureDescriptor<?, ?> procedure, @Nullable Object value) {
  /**
   * The query a live query procedure returned: its result is the query's rows, which only the
   * caller can read (with the read rules it applies), so it is not written by {@link #writeValue}.
   */
  public Optional<TypedQuery<?, ?>> liveQuery() {
    return procedure.isLiveQuery() ? Optional.of((TypedQuery<?, ?>) value) : Optional.empty();
  }

  /**
   * Writes the value with the procedure's output codec; {@code null} for void. Fails with
   * {@link IllegalStateException} for a live query procedure: run its {@link #liveQuery()}.
   */
  @SuppressWarnings("unchecked")
  public void writeValue(JsonGenerator out) throws IOException {
    if (procedure.isLiveQuery()) {
      throw new IllegalStateException("procedure '" + procedure.name() + "' returns a live query;"
          + " its result is the rows of that query, not an encoded value");
    }
    if (value == null) {
      out.writeNull();
      return;
    }
    ProcedureValue<Object> output = (ProcedureValue<Object>) procedure.output().orElseThrow();
    output.codec().write(out, value);
  }
}

package dev.live.procedure;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a successful call: the procedure and the value it returned, ready to be
 * written into a reply. Encoding is separate from the call so that a reply frame is only begun
 * once the call has succeeded.
 */
public record ProcedureResult(ProcedureDescriptor<?, ?> procedure, @Nullable Object value) {
  /** Writes the value with the procedure's output codec; {@code null} for void. */
  @SuppressWarnings("unchecked")
  public void writeValue(JsonGenerator out) throws IOException {
    if (value == null) {
      out.writeNull();
      return;
    }
    ProcedureValue<Object> output = (ProcedureValue<Object>) procedure.output().orElseThrow();
    output.codec().write(out, value);
  }
}

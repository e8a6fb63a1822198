package dev.live.procedure;

import dev.live.json.JsonCodec;
import java.util.Objects;

/**
 * The input or output of a procedure: its codec, whether it may be null, and its Java type as
 * written in the declaration (for messages).
 */
public record ProcedureValue<V>(JsonCodec<V> codec, boolean nullable, String typeName) {
  public ProcedureValue {
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(typeName, "typeName");
  }
}

package dev.live.procedure;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.json.DecodeException;
import dev.live.json.LiveJson;
import dev.live.query.TypedQuery;
import dev.live.schema.CollectionSchema;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Runs the procedures of one service object: looks the procedure up by name, decodes its input
 * with the generated codec, calls the method, and checks the result. The processor generates
 * one subclass per procedure class ({@code TaskProceduresDispatcher}) whose {@link #invoke} is
 * a plain {@code switch}: no reflection.
 */
public abstract class ProcedureDispatcher {
  private final Map<String, ProcedureDescriptor<?, ?>> procedures;

  protected ProcedureDispatcher(List<ProcedureDescriptor<?, ?>> procedures) {
    Map<String, ProcedureDescriptor<?, ?>> byName = new LinkedHashMap<>();
    for (ProcedureDescriptor<?, ?> procedure : procedures) {
      if (byName.put(procedure.name(), procedure) != null) {
        throw new IllegalArgumentException("two procedures named " + procedure.name());
      }
    }
    this.procedures = Collections.unmodifiableMap(byName);
  }

  /** The procedures this dispatcher runs, in declaration order. */
  public final List<ProcedureDescriptor<?, ?>> procedures() {
    return List.copyOf(procedures.values());
  }

  public final Optional<ProcedureDescriptor<?, ?>> procedure(String name) {
    return Optional.ofNullable(procedures.get(name));
  }

  /**
   * Calls procedure {@code name}. {@code input} is positioned at the input value, or null when
   * the call carries no input. Every failure is a {@link LiveException}: {@code
   * UNKNOWN_PROCEDURE}, a decode error of the input, the procedure's own {@code LiveException},
   * or {@code PROCEDURE_FAILED} wrapping anything else it threw.
   */
  public final ProcedureResult call(String name, @Nullable JsonParser input, ProcedureContext context)
      throws IOException {
    ProcedureCall decoded;
    try {
      decoded = decode(name, input);
    } catch (DecodeException e) {
      throw e.within("input");
    }
    return call(decoded, context);
  }

  /**
   * Looks procedure {@code name} up and decodes its input, without calling it: a server decodes
   * a request when it arrives and calls the procedure later, in a transaction. Fails with {@code
   * UNKNOWN_PROCEDURE} or a decode error of the input, whose path is relative to the input.
   */
  public final ProcedureCall decode(String name, @Nullable JsonParser input) throws IOException {
    ProcedureDescriptor<?, ?> procedure = procedures.get(name);
    if (procedure == null) {
      throw new LiveException(ErrorCode.UNKNOWN_PROCEDURE, "unknown procedure '" + name
          + "'; this service has: " + String.join(", ", procedures.keySet()));
    }
    return new ProcedureCall(procedure, readInput(procedure, input));
  }

  /**
   * Decodes a call of {@code procedure} with a typed {@code input} (null for none) through its
   * JSON form, exactly as a client's call is decoded: what in-process callers use, so that they
   * see the same checks and copies as a client would.
   */
  public final <I> ProcedureCall decode(ProcedureDescriptor<I, ?> procedure, @Nullable I input) throws IOException {
    if (input == null || procedure.input().isEmpty()) {
      return decode(procedure.name(), null);
    }
    String json = LiveJson.encode(procedure.input().get().codec(), input);
    try (JsonParser in = LiveJson.factory().createParser(json)) {
      in.nextToken();
      return decode(procedure.name(), in);
    }
  }

  /**
   * Calls a decoded procedure. Fails with the procedure's own {@code LiveException}, or {@code
   * PROCEDURE_FAILED} wrapping anything else it threw or when it returned null where its
   * declaration does not allow it.
   */
  public final ProcedureResult call(ProcedureCall call, ProcedureContext context) {
    ProcedureDescriptor<?, ?> procedure = call.procedure();
    String name = procedure.name();
    if (procedures.get(name) != procedure) {
      throw new IllegalArgumentException("procedure '" + name + "' was decoded by another dispatcher");
    }
    Object result;
    try {
      result = invoke(name, call.input(), context);
    } catch (LiveException e) {
      throw e;
    } catch (Exception e) {
      throw new LiveException(ErrorCode.PROCEDURE_FAILED, "procedure '" + name + "' failed", e);
    }
    if (procedure.isLiveQuery()) {
      return new ProcedureResult(procedure, checkedQuery(procedure, result));
    }
    boolean outputNullable = procedure.output().map(ProcedureValue::nullable).orElse(true);
    if (result == null && !outputNullable) {
      throw new LiveException(ErrorCode.PROCEDURE_FAILED, "procedure '" + name
          + "' returned null, but its return type is not @Nullable");
    }
    return new ProcedureResult(procedure, result);
  }

  /** The query a live query procedure returned, when it is one over the declared collection. */
  private static TypedQuery<?, ?> checkedQuery(ProcedureDescriptor<?, ?> procedure, @Nullable Object result) {
    CollectionSchema<?> declared = procedure.liveQuery().orElseThrow();
    if (!(result instanceof TypedQuery<?, ?> query)) {
      throw new LiveException(ErrorCode.PROCEDURE_FAILED, "procedure '" + procedure.name()
          + "' returned " + (result == null ? "null" : "a " + result.getClass().getSimpleName())
          + "; a live query procedure returns a query over " + declared.name());
    }
    if (query.spec().collection() != declared) {
      throw new LiveException(ErrorCode.PROCEDURE_FAILED, "procedure '" + procedure.name()
          + "' returned a query over " + query.spec().collection().name() + "; it is declared to return one over "
          + declared.name());
    }
    return query;
  }

  private static @Nullable Object readInput(ProcedureDescriptor<?, ?> procedure, @Nullable JsonParser in)
      throws IOException {
    boolean absent = in == null || in.currentToken() == JsonToken.VALUE_NULL;
    if (procedure.input().isEmpty()) {
      if (!absent) {
        throw new DecodeException(ErrorCode.INVALID_VALUE, "",
            "procedure '" + procedure.name() + "' takes no input", -1, -1);
      }
      return null;
    }
    ProcedureValue<?> input = procedure.input().get();
    if (absent) {
      if (input.nullable()) {
        return null;
      }
      throw new DecodeException(ErrorCode.MISSING_FIELD, "", "procedure '" + procedure.name()
          + "' requires an input of type " + input.typeName(), -1, -1);
    }
    return input.codec().read(in);
  }

  /**
   * Calls the method behind procedure {@code name} with the decoded input (null when the
   * procedure takes none) and returns its result (null for void). Generated.
   */
  protected abstract @Nullable Object invoke(String name, @Nullable Object input, ProcedureContext context)
      throws Exception;
}

package dev.live.procedure;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.live.error.LiveException;
import dev.live.json.DecodeException;
import dev.live.json.LiveJson;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Calls procedures in the same process, through their JSON contract: the input is encoded and
 * decoded by the generated codecs, the result too, exactly as over a connection. For tests of
 * procedures and for tools that run next to the server.
 *
 * <pre>{@code
 * TaskProceduresClient tasks = TaskProceduresClient.of(
 *     new InProcessCaller(new TaskProceduresDispatcher(procedures), ProcedureContext.of(AuthContext.anonymous())));
 * Task done = tasks.complete(new CompleteTask("t1")).join();
 * }</pre>
 *
 * <p>Futures complete exceptionally with the same typed errors a server would send, {@code
 * FORBIDDEN} for a context without one of the procedure's roles too. A live query
 * procedure completes with the query it returned: there is no server here to run it with read
 * rules, so the caller runs it (on a store, say) as it sees fit.
 */
public final class InProcessCaller implements ProcedureCaller {
  private final ProcedureDispatcher dispatcher;
  private final ProcedureContext context;

  public InProcessCaller(ProcedureDispatcher dispatcher, ProcedureContext context) {
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.context = Objects.requireNonNull(context, "context");
  }

  @Override
  public <I, O> CompletableFuture<O> call(ProcedureDescriptor<I, O> procedure, @Nullable I input) {
    try {
      // The dispatcher's descriptor decides, as on a server: it is the one the processor generated.
      Set<String> roles = dispatcher.procedure(procedure.name()).map(ProcedureDescriptor::roles).orElse(Set.of());
      Optional<LiveException> forbidden = ProcedureRoles.missing(procedure.name(), roles, context.auth());
      if (forbidden.isPresent()) {
        return CompletableFuture.failedFuture(forbidden.get());
      }
      ProcedureResult result = dispatch(procedure, input);
      if (procedure.isLiveQuery()) {
        @SuppressWarnings("unchecked") // a live query procedure's output type is the query type
        O query = (O) result.value();
        return CompletableFuture.completedFuture(query);
      }
      StringWriter output = new StringWriter();
      try (JsonGenerator out = LiveJson.factory().createGenerator(output)) {
        result.writeValue(out);
      }
      if (result.value() == null) {
        return CompletableFuture.completedFuture(null);
      }
      return CompletableFuture.completedFuture(
          LiveJson.decode(procedure.output().orElseThrow().codec(), output.toString()));
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private <I> ProcedureResult dispatch(ProcedureDescriptor<I, ?> procedure, @Nullable I input) throws IOException {
    ProcedureCall call;
    try {
      call = dispatcher.decode(procedure, input);
    } catch (DecodeException e) {
      throw e.within("input");
    }
    return dispatcher.call(call, context);
  }
}

package dev.live.examples.board;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.live.json.LiveJson;
import dev.live.procedure.ProcedureCaller;
import dev.live.procedure.ProcedureContext;
import dev.live.procedure.ProcedureDescriptor;
import dev.live.procedure.ProcedureDispatcher;
import dev.live.procedure.ProcedureResult;
import java.io.IOException;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link ProcedureCaller} that goes through JSON text both ways, as a network call would:
 * input encoded by the client, decoded by the dispatcher; result encoded, decoded by the client.
 */
final class LoopbackCaller implements ProcedureCaller {
  private final ProcedureDispatcher dispatcher;
  private final ProcedureContext context;

  LoopbackCaller(ProcedureDispatcher dispatcher, ProcedureContext context) {
    this.dispatcher = dispatcher;
    this.context = context;
  }

  @Override
  public <I, O> CompletableFuture<O> call(ProcedureDescriptor<I, O> procedure, I input) {
    try {
      String inputJson = input == null ? null : LiveJson.encode(procedure.input().orElseThrow().codec(), input);
      ProcedureResult result;
      if (inputJson == null) {
        result = dispatcher.call(procedure.name(), null, context);
      } else {
        try (JsonParser in = LiveJson.factory().createParser(inputJson)) {
          in.nextToken();
          result = dispatcher.call(procedure.name(), in, context);
        }
      }
      StringWriter text = new StringWriter();
      try (JsonGenerator out = LiveJson.factory().createGenerator(text)) {
        result.writeValue(out);
      }
      if (procedure.output().isEmpty() || text.toString().equals("null")) {
        return CompletableFuture.completedFuture(null);
      }
      return CompletableFuture.completedFuture(LiveJson.decode(procedure.output().get().codec(), text.toString()));
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}

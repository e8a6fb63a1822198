package dev.live.server;

import dev.live.auth.AuthContext;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.json.LiveJson;
import dev.live.procedure.ProcedureCall;
import dev.live.procedure.ProcedureDescriptor;
import dev.live.procedure.ProcedureDispatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Procedure calls made in the server's own process as a given user ({@link LiveServer#call}):
 * the input goes through its JSON form and the call through the same path as a client's (roles,
 * middlewares, write rules and quotas, one transaction), so a test or a job sees exactly what a
 * client would, without a socket.
 */
final class InProcessCalls {
  /** The address quotas and logs see for these calls. */
  static final String ADDRESS = "in-process";

  private final LiveCore core;

  InProcessCalls(LiveCore core) {
    this.core = core;
  }

  <I, O> @Nullable O call(AuthContext auth, ProcedureDescriptor<I, O> procedure, @Nullable I input) {
    if (procedure.isLiveQuery()) {
      throw new IllegalArgumentException("procedure '" + procedure.name() + "' is a live query procedure:"
          + " it is followed, not called; subscribe to it with a client");
    }
    ProcedureDispatcher dispatcher = core.dispatchers().get(procedure.name());
    if (dispatcher == null) {
      throw new LiveException(ErrorCode.UNKNOWN_PROCEDURE, "this server does not run procedure '"
          + procedure.name() + "'; pass its class to LiveServer.builder().procedures(...)");
    }
    LiveService.Outcome outcome = core.service().call(auth, ADDRESS, Optional.empty(), OptionalLong.empty(),
        dispatcher, decode(dispatcher, procedure, input));
    if (outcome instanceof LiveService.Outcome.Rejected rejected) {
      throw rejected.error();
    }
    Optional<String> json = ((LiveService.Outcome.Applied) outcome).json();
    if (procedure.output().isEmpty() || json.isEmpty() || json.get().equals("null")) {
      return null;
    }
    return LiveJson.decode(procedure.output().get().codec(), json.get());
  }

  private static <I> ProcedureCall decode(ProcedureDispatcher dispatcher, ProcedureDescriptor<I, ?> procedure,
      @Nullable I input) {
    try {
      return dispatcher.decode(procedure, input);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

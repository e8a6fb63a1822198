package dev.live.procedure;

import dev.live.auth.AuthContext;
import dev.live.procedure.DataAccess;
import java.util.Objects;

/**
 * What a procedure knows about the call it serves. Declare a parameter of this type on a
 * {@code @Procedure} method to receive it; the server supplies it.
 *
 * <pre>{@code
 * @Procedure
 * public Task complete(CompleteTask input, ProcedureContext ctx) {
 *   return ctx.data().update(input.taskId(), TaskUpdate.of().status(Status.DONE));
 * }
 * }</pre>
 */
public interface ProcedureContext {
  /** Who called. */
  AuthContext auth();

  /**
   * Reads and writes on the server's storage. On the server, a mutation procedure's data access
   * is the transaction it runs in: its writes commit together, with the caller's mutation id, or
   * not at all, and reach subscribers after the commit. Fails with {@link IllegalStateException}
   * in a context without storage.
   */
  default DataAccess data() {
    throw new IllegalStateException("this procedure context has no data access; the server gives"
        + " one, and tests can use ProcedureContext.of(auth, store)");
  }

  /** A context for {@code auth} without data access: for calls made in-process, and for tests. */
  static ProcedureContext of(AuthContext auth) {
    Objects.requireNonNull(auth, "auth");
    return () -> auth;
  }

  /** A context for {@code auth} reading and writing through {@code data}. */
  static ProcedureContext of(AuthContext auth, DataAccess data) {
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(data, "data");
    return new ProcedureContext() {
      @Override
      public AuthContext auth() {
        return auth;
      }

      @Override
      public DataAccess data() {
        return data;
      }
    };
  }
}

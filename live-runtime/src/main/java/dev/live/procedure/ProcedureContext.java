package dev.live.procedure;

import dev.live.auth.AuthContext;

/**
 * What a procedure knows about the call it serves. Declare a parameter of this type on a
 * {@code @Procedure} method to receive it; the server supplies it.
 */
public interface ProcedureContext {
  /** Who called. */
  AuthContext auth();

  /** A context for {@code auth}: for calls made in-process, and for tests. */
  static ProcedureContext of(AuthContext auth) {
    return () -> auth;
  }
}

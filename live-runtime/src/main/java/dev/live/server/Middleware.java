package dev.live.server;

import dev.live.auth.AuthContext;
import dev.live.procedure.DataAccess;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Code around every procedure call and client mutation: logging, auditing, extra checks. It runs
 * inside the request's transaction, after the caller's mutation id is recorded and before the
 * write rules, and may read and write through {@link Invocation#data()}. Return {@code
 * next.proceed()} to go on, or throw (a {@link dev.live.error.LiveException} reaches the client
 * with its code) to refuse. Middlewares run in the order they were added, the first outermost.
 *
 * <pre>{@code
 * .middleware((call, next) -> {
 *   if (call.operation().equals("delete") && !call.auth().hasRole("ADMIN")) {
 *     throw new LiveException(ErrorCode.FORBIDDEN, "only admins delete");
 *   }
 *   return next.proceed();
 * })
 * }</pre>
 */
@FunctionalInterface
public interface Middleware {
  @Nullable Object handle(Invocation invocation, Next next);

  /** The rest of the chain: the next middleware, or the request itself. */
  @FunctionalInterface
  interface Next {
    @Nullable Object proceed();
  }

  /**
   * One request as middlewares see it.
   *
   * @param operation {@code "call"}, {@code "insert"}, {@code "update"} or {@code "delete"}
   * @param target the procedure's name for a call, the collection's for a mutation
   * @param auth who asked
   * @param input the decoded input of a call, the insert or update DTO of a mutation, the key of a
   *     delete; null for a call without input
   * @param data the request's transaction
   */
  record Invocation(String operation, String target, AuthContext auth, @Nullable Object input, DataAccess data) {
    public Invocation {
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(auth, "auth");
      Objects.requireNonNull(data, "data");
    }
  }
}

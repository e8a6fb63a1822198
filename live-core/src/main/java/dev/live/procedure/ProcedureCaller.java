package dev.live.procedure;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Calls procedures on a server. Generated client stubs ({@code TaskProceduresClient.of(caller)})
 * are built on it; the Live client implements it.
 */
public interface ProcedureCaller {
  /**
   * Calls {@code procedure} with {@code input} (null when it takes none) and completes with
   * its output, or exceptionally with the server's typed error.
   */
  <I, O> CompletableFuture<O> call(ProcedureDescriptor<I, O> procedure, @Nullable I input);
}

package com.example.library;

import dev.live.procedure.ProcedureContext;
import dev.live.procedure.ProcedureDispatcher;
import java.util.Objects;
import java.util.UUID;
import javax.annotation.processing.Generated;
import org.jspecify.annotations.Nullable;

/**
 * Calls the procedures of a {@link LibraryProcedures} by name, for the server.
 */
@Generated("dev.live.processor.LiveProcessor")
public final class LibraryProceduresDispatcher extends ProcedureDispatcher {
  private final LibraryProcedures target;

  public LibraryProceduresDispatcher(LibraryProcedures target) {
    super(LibraryProcedures_.ALL);
    this.target = Objects.requireNonNull(target, "target");
  }

  @Override
  @SuppressWarnings("unchecked")
  protected @Nullable Object invoke(String name, @Nullable Object input, ProcedureContext context)
      throws Exception {
    switch (name) {
      case "lend":
        return target.lend((LendBook) input, context);
      case "available":
        return target.available();
      case "booksBy":
        return target.booksBy((UUID) input);
      case "openLoan":
        return target.openLoan((UUID) input);
      case "returnLoan":
        target.giveBack((long) input);
        return null;
      default:
        throw new IllegalArgumentException("no procedure named " + name);
    }
  }
}

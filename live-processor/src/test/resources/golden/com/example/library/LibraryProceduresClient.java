package com.example.library;

import dev.live.procedure.ProcedureCaller;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * Calls the procedures of {@link LibraryProcedures} on a server; each call completes with the
 * procedure's result, or exceptionally with the server's typed error.
 *
 * <pre>{@code
 * LibraryProceduresClient procedures = LibraryProceduresClient.of(client);
 * }</pre>
 *
 * <p>Live query procedures (booksBy, openLoan) are not called through this stub: their result is a
 * live query, subscribed to with a {@code subscribe} message naming the procedure (see
 * {@link LibraryProcedures_}).
 */
@Generated("dev.live.processor.LiveProcessor")
public final class LibraryProceduresClient {
  private final ProcedureCaller caller;

  private LibraryProceduresClient(ProcedureCaller caller) {
    this.caller = Objects.requireNonNull(caller, "caller");
  }

  /**
   * A stub calling through {@code caller}, such as a connected client.
   */
  public static LibraryProceduresClient of(ProcedureCaller caller) {
    return new LibraryProceduresClient(caller);
  }

  /**
   * Calls procedure {@code lend}.
   */
  public CompletableFuture<Loan> lend(LendBook input) {
    return this.caller.call(LibraryProcedures_.lend, input);
  }

  /**
   * Calls procedure {@code available}.
   */
  public CompletableFuture<List<Book>> available() {
    return this.caller.call(LibraryProcedures_.available, null);
  }

  /**
   * Calls procedure {@code returnLoan}.
   */
  public CompletableFuture<Void> returnLoan(long loanId) {
    return this.caller.call(LibraryProcedures_.returnLoan, loanId);
  }
}

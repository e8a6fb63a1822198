package com.example.library;

import dev.live.procedure.ProcedureCaller;
import dev.live.query.RowShape;
import dev.live.subscription.ProcedureSubscriber;
import dev.live.subscription.Subscribable;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * Calls the procedures of {@link LibraryProcedures} on a server; each call completes with the
 * procedure's result, or exceptionally with the server's typed error.
 *
 * <pre>{@code
 * LibraryProceduresClient procedures = LibraryProceduresClient.of(client);
 * }</pre>
 */
@Generated("dev.live.processor.LiveProcessor")
public final class LibraryProceduresClient {
  private final ProcedureCaller caller;

  private final ProcedureSubscriber subscriber;

  private LibraryProceduresClient(ProcedureCaller caller, ProcedureSubscriber subscriber) {
    this.caller = Objects.requireNonNull(caller, "caller");
    this.subscriber = subscriber;
  }

  /**
   * A stub calling and following through {@code client}, a connected Live client.
   */
  public static <C extends ProcedureCaller & ProcedureSubscriber> LibraryProceduresClient of(
      C client) {
    return new LibraryProceduresClient(client, client);
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
   * Follows live query procedure {@code booksBy}: the server runs it once and keeps the
   * result of the query it returns current; {@code subscribe} to it.
   */
  public Subscribable<Book> booksBy(UUID authorId) {
    return this.subscriber.procedure(LibraryProcedures_.booksBy, authorId, RowShape.plain());
  }

  /**
   * Follows live query procedure {@code openLoan}: the server runs it once and keeps the
   * result of the query it returns current; {@code subscribe} to it.
   */
  public Subscribable<Loan> openLoan(UUID bookId) {
    return this.subscriber.procedure(LibraryProcedures_.openLoan, bookId, RowShape.plain());
  }

  /**
   * Calls procedure {@code returnLoan}.
   */
  public CompletableFuture<Void> returnLoan(long loanId) {
    return this.caller.call(LibraryProcedures_.returnLoan, loanId);
  }
}

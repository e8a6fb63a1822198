package com.example.library;

import dev.live.annotations.Procedure;
import dev.live.json.Codecs;
import dev.live.procedure.ProcedureDescriptor;
import dev.live.procedure.ProcedureValue;
import dev.live.query.TypedQuery;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * The procedures of {@link LibraryProcedures}: name, kind, input and output of each.
 */
@Generated("dev.live.processor.LiveProcessor")
public final class LibraryProcedures_ {
  /**
   * Procedure {@code lend} (mutation), calling {@link LibraryProcedures#lend}.
   */
  public static final ProcedureDescriptor<LendBook, Loan> lend = new ProcedureDescriptor<>("lend", Procedure.Kind.MUTATION, Optional.of(new ProcedureValue<>(LendBookJson.CODEC, false, "LendBook")), Optional.of(new ProcedureValue<>(LoanJson.CODEC, false, "Loan")));

  /**
   * Procedure {@code available} (query), calling {@link LibraryProcedures#available}.
   */
  public static final ProcedureDescriptor<Void, List<Book>> available = new ProcedureDescriptor<>("available", Procedure.Kind.QUERY, Optional.empty(), Optional.of(new ProcedureValue<>(Codecs.list(BookJson.CODEC), false, "List<Book>")));

  /**
   * Live query procedure {@code booksBy}, calling {@link LibraryProcedures#booksBy}.
   */
  public static final ProcedureDescriptor<UUID, TypedQuery<Book, ?>> booksBy = ProcedureDescriptor.liveQuery("booksBy", Optional.of(new ProcedureValue<>(Codecs.UUID, false, "UUID")), Book_.COLLECTION);

  /**
   * Live query procedure {@code openLoan}, calling {@link LibraryProcedures#openLoan}; callers need the role librarian.
   */
  public static final ProcedureDescriptor<UUID, TypedQuery<Loan, ?>> openLoan = ProcedureDescriptor.liveQuery("openLoan", Optional.of(new ProcedureValue<>(Codecs.UUID, false, "UUID")), Loan_.COLLECTION).withRoles("librarian");

  /**
   * Procedure {@code returnLoan} (mutation), calling {@link LibraryProcedures#giveBack}; callers need one of the roles librarian, ADMIN.
   */
  public static final ProcedureDescriptor<Long, Void> returnLoan = new ProcedureDescriptor<Long, Void>("returnLoan", Procedure.Kind.MUTATION, Optional.of(new ProcedureValue<>(Codecs.LONG, false, "long")), Optional.empty()).withRoles("librarian", "ADMIN");

  /**
   * Every procedure of the class, in declaration order.
   */
  public static final List<ProcedureDescriptor<?, ?>> ALL = List.<ProcedureDescriptor<?, ?>>of(lend, available, booksBy, openLoan, returnLoan);

  private LibraryProcedures_() {
  }
}

package com.example.library;

import dev.live.procedure.ProcedureGroup;
import dev.live.schema.CollectionSchema;
import dev.live.schema.LiveSchema;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The schema of this application: collections authors, books, loans and procedure classes LibraryProcedures.
 * Pass {@link #INSTANCE} to the server and the client.
 */
@Generated("dev.live.processor.LiveProcessor")
public final class AppSchema extends LiveSchema {
  public static final AppSchema INSTANCE = new AppSchema();

  private AppSchema() {
    super(
        List.<CollectionSchema<?>>of(Author_.COLLECTION, Book_.COLLECTION, Loan_.COLLECTION),
        List.<ProcedureGroup<?>>of(new ProcedureGroup<>(LibraryProcedures.class, LibraryProceduresDispatcher::new, LibraryProcedures_.ALL)));
  }
}

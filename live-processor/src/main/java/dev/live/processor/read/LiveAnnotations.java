package dev.live.processor.read;

/** Qualified names of the annotations and runtime types the processor looks for. */
public final class LiveAnnotations {
  public static final String COLLECTION = "dev.live.annotations.Collection";
  public static final String ID = "dev.live.annotations.Id";
  public static final String INDEX = "dev.live.annotations.Index";
  public static final String UNIQUE = "dev.live.annotations.Unique";
  public static final String REF = "dev.live.annotations.Ref";
  public static final String PROCEDURE = "dev.live.annotations.Procedure";
  public static final String MESSAGE = "dev.live.annotations.LiveMessage";
  public static final String ROOM = "dev.live.annotations.LiveRoom";
  public static final String PROCEDURE_CONTEXT = "dev.live.procedure.ProcedureContext";

  private LiveAnnotations() {}
}

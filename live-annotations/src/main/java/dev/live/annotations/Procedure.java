package dev.live.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public instance method as a procedure that clients call by name.
 *
 * <pre>{@code
 * public class TaskProcedures {
 *   @Procedure
 *   public Task complete(CompleteTask input, ProcedureContext ctx) { ... }
 *
 *   @Procedure(kind = Procedure.Kind.QUERY)
 *   public List<Task> overdue(ProcedureContext ctx) { ... }
 * }
 * }</pre>
 *
 * <p>A procedure takes at most one value parameter (a record or a supported type) and
 * optionally a {@code dev.live.procedure.ProcedureContext}; it returns a supported type, a
 * {@code List} of one, or {@code void}. The processor generates {@code TaskProcedures_}
 * (descriptors), {@code TaskProceduresDispatcher} (server side) and {@code
 * TaskProceduresClient} (typed client stub).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.CLASS)
public @interface Procedure {
  /** Whether the procedure reads ({@link Kind#QUERY}) or writes ({@link Kind#MUTATION}). */
  Kind kind() default Kind.MUTATION;

  /**
   * The name clients call; defaults to the method's name. Unique within the application:
   * letters, digits and underscores, starting with a letter.
   */
  String name() default "";

  /**
   * The roles that may call the procedure: a caller needs at least one of them ({@code
   * AuthContext.hasRole}), or the server answers {@code FORBIDDEN} without running it. Empty, the
   * default, lets every caller in. Each role is a letter followed by letters, digits, {@code _},
   * {@code -}, {@code .} or {@code :}, at most 64 characters, and named once; the processor checks
   * them and generates them into the procedure's descriptor.
   *
   * <pre>{@code
   * @Procedure(name = "archiveBoard", roles = "ADMIN")
   * public void archive(String boardId, ProcedureContext context) { ... }
   * }</pre>
   */
  String[] roles() default {};

  /** What a procedure does to data. */
  enum Kind {
    /** Reads data; never writes. */
    QUERY,
    /** May write data; runs as a mutation. */
    MUTATION
  }
}

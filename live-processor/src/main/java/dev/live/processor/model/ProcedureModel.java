package dev.live.processor.model;

import com.palantir.javapoet.ClassName;
import dev.live.annotations.Procedure;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;

/**
 * A {@code @Procedure} method: its wire name, kind, value input and output, and the order of
 * its parameters. A live query procedure has no output value but a {@code liveQuery}: the
 * record class of the collection its returned query reads; {@code liveQueryRow} is the type of
 * its result rows (that record, or the generated row type with includes) when the return type
 * says which ({@code TaskQuery<Task>}, not {@code TypedQuery<Task, ?>}), and {@code
 * liveQueryCardinality} whether its query answers a list or at most one row. {@code roles} are
 * those of {@code @Procedure(roles = ...)}, checked and in the order written; empty for none.
 */
public record ProcedureModel(
    ExecutableElement method,
    String name,
    String methodName,
    Procedure.Kind kind,
    Optional<ValueModel> input,
    String inputParameterName,
    Optional<ValueModel> output,
    Optional<ClassName> liveQuery,
    Optional<ClassName> liveQueryRow,
    Optional<Cardinality> liveQueryCardinality,
    List<Parameter> parameters,
    List<String> roles) {

  /** What a parameter of the method receives. */
  public enum Parameter {
    VALUE,
    CONTEXT
  }

  /** How many rows a live query procedure's query answers, as its return type says. */
  public enum Cardinality {
    /** A list: the generated {@code TaskQuery<R>}, or {@code ListQuery<Task, R>}. */
    LIST,
    /** At most one row: {@code SingleQuery<Task, R>}, made by {@code first()} or {@code one(id)}. */
    SINGLE,
    /** Either: {@code TypedQuery<Task, R>} leaves it open. */
    EITHER
  }

  public ProcedureModel {
    parameters = List.copyOf(parameters);
    roles = List.copyOf(roles);
  }
}

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
 * says which ({@code TaskQuery<Task>}, not {@code TypedQuery<Task, ?>}).
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
    List<Parameter> parameters) {

  /** What a parameter of the method receives. */
  public enum Parameter {
    VALUE,
    CONTEXT
  }

  public ProcedureModel {
    parameters = List.copyOf(parameters);
  }
}

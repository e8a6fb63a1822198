package dev.live.processor.model;

import dev.live.annotations.Procedure;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;

/**
 * A {@code @Procedure} method: its wire name, kind, value input and output, and the order of
 * its parameters.
 */
public record ProcedureModel(
    ExecutableElement method,
    String name,
    String methodName,
    Procedure.Kind kind,
    Optional<ValueModel> input,
    String inputParameterName,
    Optional<ValueModel> output,
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

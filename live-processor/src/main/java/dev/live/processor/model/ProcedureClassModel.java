package dev.live.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/** A class declaring {@code @Procedure} methods. */
public record ProcedureClassModel(TypeElement element, ClassName type, List<ProcedureModel> procedures) {
  public ProcedureClassModel {
    procedures = List.copyOf(procedures);
  }

  public String flatName() {
    return String.join("_", type.simpleNames());
  }
}

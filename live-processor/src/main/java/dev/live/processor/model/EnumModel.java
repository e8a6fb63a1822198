package dev.live.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/** An enum used by the schema, with its constants in declaration order. */
public record EnumModel(ClassName name, TypeElement element, List<String> constants) {
  public EnumModel {
    constants = List.copyOf(constants);
  }
}

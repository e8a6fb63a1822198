package dev.live.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/** A record encoded as a JSON object: nested in a collection, or a procedure's input or output. */
public record RecordModel(ClassName name, TypeElement element, List<ComponentModel> components) {
  public RecordModel {
    components = List.copyOf(components);
  }
}

package dev.live.processor.model;

import java.util.Optional;
import javax.lang.model.element.RecordComponentElement;

/** One component of a collection record, as a stored field. */
public record FieldModel(
    RecordComponentElement element,
    String name,
    String column,
    int index,
    TypeModel type,
    boolean nullable,
    boolean id,
    boolean indexed,
    boolean unique,
    Optional<RefModel> ref) {

  public ComponentModel asComponent() {
    return new ComponentModel(name, type, nullable);
  }
}

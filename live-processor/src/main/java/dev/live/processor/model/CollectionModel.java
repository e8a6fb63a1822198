package dev.live.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/** A {@code @Collection} record: its name, table and fields in component order. */
public record CollectionModel(TypeElement element, ClassName type, String name, String table, List<FieldModel> fields) {
  public CollectionModel {
    fields = List.copyOf(fields);
  }

  public FieldModel id() {
    return fields.stream().filter(FieldModel::id).findFirst().orElseThrow();
  }

  /** The base of generated names: the record's simple names joined by {@code _}. */
  public String flatName() {
    return String.join("_", type.simpleNames());
  }
}

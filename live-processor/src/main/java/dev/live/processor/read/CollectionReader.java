package dev.live.processor.read;

import com.palantir.javapoet.ClassName;
import dev.live.processor.Diagnostics;
import dev.live.processor.Message;
import dev.live.processor.model.CollectionModel;
import dev.live.processor.model.ComponentModel;
import dev.live.processor.model.FieldModel;
import dev.live.processor.model.RefModel;
import dev.live.processor.model.Scalar;
import dev.live.processor.model.TypeModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;

/**
 * Reads one {@code @Collection} element into a {@link CollectionModel}, reporting every
 * problem on the most precise element. Checks that need the other collections (references,
 * relation names) are the {@link SchemaReader}'s.
 */
final class CollectionReader {
  private final Diagnostics diagnostics;
  private final TypeReader types;

  CollectionReader(Diagnostics diagnostics, TypeReader types) {
    this.diagnostics = diagnostics;
    this.types = types;
  }

  /** The model, or empty when an error was reported. */
  Optional<CollectionModel> read(TypeElement element) {
    int errorsBefore = diagnostics.errorCount();
    if (element.getKind() != ElementKind.RECORD) {
      diagnostics.error(element, Message.COLLECTION_NOT_A_RECORD, element.getSimpleName(),
          kindName(element.getKind()), element.getSimpleName());
      return Optional.empty();
    }
    if (!element.getTypeParameters().isEmpty()) {
      diagnostics.error(element, Message.COLLECTION_GENERIC, element.getSimpleName());
    }
    if (TypeReader.isPrivate(element)) {
      diagnostics.error(element, Message.COLLECTION_NOT_ACCESSIBLE, element.getSimpleName());
    }
    AnnotationMirror annotation = Annotations.find(element, LiveAnnotations.COLLECTION).orElseThrow();
    String name = Annotations.value(annotation, "value").map(Object::toString).orElse("");
    if (!Names.isValidCollectionName(name)) {
      diagnostics.error(element, annotation, Message.COLLECTION_NAME_INVALID, name);
    }

    List<FieldModel> fields = new ArrayList<>();
    List<? extends RecordComponentElement> components = element.getRecordComponents();
    for (int index = 0; index < components.size(); index++) {
      field(element, components.get(index), index).ifPresent(fields::add);
    }
    checkId(element, fields);
    checkColumns(fields);
    if (diagnostics.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new CollectionModel(element, ClassName.get(element), name, Names.column(name), fields));
  }

  private Optional<FieldModel> field(TypeElement record, RecordComponentElement component, int index) {
    String name = component.getSimpleName().toString();
    String describe = "component '" + name + "' of " + record.getSimpleName();
    String reservedBy = ReservedNames.COMPONENTS.get(name);
    if (reservedBy != null) {
      diagnostics.error(ErrorSites.of(component), Message.COMPONENT_NAME_RESERVED, name, reservedBy);
      return Optional.empty();
    }
    Optional<ComponentModel> read = types.component(component, describe);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    TypeModel type = read.get().type();
    boolean id = Annotations.has(component, LiveAnnotations.ID);
    boolean indexed = Annotations.has(component, LiveAnnotations.INDEX);
    boolean unique = Annotations.has(component, LiveAnnotations.UNIQUE);
    if (type.isJson()) {
      if (indexed) {
        diagnostics.error(ErrorSites.of(component), Message.INDEX_ON_JSON, "Index", name, name);
      }
      if (unique) {
        diagnostics.error(ErrorSites.of(component), Message.INDEX_ON_JSON, "Unique", name, name);
      }
    }
    Optional<RefModel> ref = Annotations.find(component, LiveAnnotations.REF)
        .flatMap(annotation -> ref(component, annotation, type));
    return Optional.of(new FieldModel(component, name, Names.column(name), index, type,
        read.get().nullable(), id, indexed, unique, ref));
  }

  private Optional<RefModel> ref(RecordComponentElement component, AnnotationMirror annotation, TypeModel type) {
    String name = component.getSimpleName().toString();
    if (type.isJson()) {
      diagnostics.error(ErrorSites.of(component), Message.REF_ON_JSON, name, TypeReader.display(type));
      return Optional.empty();
    }
    // A class literal javac could not resolve reads as the string "<error>", not as a type.
    if (!(Annotations.value(annotation, "value").orElseThrow() instanceof DeclaredType target)
        || target.getKind() == TypeKind.ERROR) {
      throw UnresolvedTypeException.located("the @Ref target of component '" + name + "' of "
          + component.getEnclosingElement().getSimpleName(), ErrorSites.of(component));
    }
    TypeElement targetElement = (TypeElement) target.asElement();
    Optional<String> explicit = Annotations.string(annotation, "name");
    Optional<String> relation = explicit.or(() -> Names.relationName(name));
    if (relation.isEmpty()) {
      diagnostics.error(ErrorSites.of(component), Message.REF_NAME_REQUIRED, name,
          targetElement.getSimpleName());
      return Optional.empty();
    }
    return Optional.of(new RefModel(ClassName.get(targetElement), targetElement, relation.get(),
        Annotations.string(annotation, "inverse")));
  }

  private void checkId(TypeElement record, List<FieldModel> fields) {
    FieldModel first = null;
    for (FieldModel field : fields) {
      if (!field.id()) {
        continue;
      }
      if (first != null) {
        diagnostics.error(ErrorSites.of(field.element()), Message.ID_DUPLICATE, record.getSimpleName(),
            field.name(), first.name());
        continue;
      }
      first = field;
      if (!isIdType(field.type())) {
        diagnostics.error(ErrorSites.of(field.element()), Message.ID_TYPE, field.name(),
            TypeReader.display(field.type()));
      }
      if (field.nullable()) {
        diagnostics.error(ErrorSites.of(field.element()), Message.ID_NULLABLE, field.name());
      }
    }
    boolean anyIdComponent = record.getRecordComponents().stream()
        .anyMatch(c -> Annotations.has(c, LiveAnnotations.ID));
    if (first == null && !anyIdComponent) {
      diagnostics.error(record, Message.ID_MISSING, record.getSimpleName());
    }
  }

  private static boolean isIdType(TypeModel type) {
    if (!(type instanceof TypeModel.ScalarType scalar)) {
      return false;
    }
    Scalar kind = scalar.scalar();
    return kind == Scalar.STRING || kind == Scalar.UUID || kind == Scalar.INT || kind == Scalar.LONG;
  }

  private void checkColumns(List<FieldModel> fields) {
    Map<String, FieldModel> byColumn = new HashMap<>();
    for (FieldModel field : fields) {
      FieldModel other = byColumn.putIfAbsent(field.column(), field);
      if (other != null) {
        diagnostics.error(ErrorSites.of(field.element()), Message.COLUMN_CLASH, other.name(), field.name(),
            field.column());
      }
    }
  }

  /** How a message names an element kind: "a class", "an enum". */
  static String kindName(ElementKind kind) {
    switch (kind) {
      case INTERFACE:
        return "an interface";
      case ENUM:
        return "an enum";
      case ANNOTATION_TYPE:
        return "an annotation type";
      default:
        return "a class";
    }
  }
}

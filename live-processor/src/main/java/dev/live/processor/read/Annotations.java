package dev.live.processor.read;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/** Reading annotations as mirrors: class values cannot be read as {@code Class} at compile time. */
public final class Annotations {
  private Annotations() {}

  /** The annotation of the given qualified name on {@code element}, if present. */
  public static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(qualifiedName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  public static boolean has(Element element, String qualifiedName) {
    return find(element, qualifiedName).isPresent();
  }

  /** An explicitly given member value; defaults are the caller's to apply. */
  public static Optional<Object> value(AnnotationMirror mirror, String member) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
        : mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(member)) {
        return Optional.of(entry.getValue().getValue());
      }
    }
    return Optional.empty();
  }

  /** A string member, empty when absent or blank. */
  public static Optional<String> string(AnnotationMirror mirror, String member) {
    return value(mirror, member).map(Object::toString).filter(s -> !s.isEmpty());
  }

  /**
   * Whether a declaration is nullable: an annotation named {@code Nullable} of any package
   * (JSpecify's, JetBrains', javax.annotation's...) on the element or on its type.
   */
  public static boolean isNullable(Element element, TypeMirror type) {
    return hasNullable(element.getAnnotationMirrors()) || hasNullable(type.getAnnotationMirrors());
  }

  /** Whether a type use carries a {@code Nullable} annotation. */
  public static boolean isNullable(TypeMirror type) {
    return hasNullable(type.getAnnotationMirrors());
  }

  private static boolean hasNullable(java.util.List<? extends AnnotationMirror> mirrors) {
    for (AnnotationMirror mirror : mirrors) {
      if (mirror.getAnnotationType().asElement().getSimpleName().contentEquals("Nullable")) {
        return true;
      }
    }
    return false;
  }
}

package dev.live.processor.read;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;

/**
 * Where to report an error so that javac shows the user's source line. javac 17 gives a
 * diagnostic on a record component no position at all ("error: ..." with no file or line), so
 * errors about a component go on the private field javac declares for it, whose position is the
 * component's name in the record header.
 */
final class ErrorSites {
  private ErrorSites() {}

  /** The element to report on for {@code element}: itself, or a record component's field. */
  static Element of(Element element) {
    if (!(element instanceof RecordComponentElement component)) {
      return element;
    }
    for (Element member : component.getEnclosingElement().getEnclosedElements()) {
      if (member.getKind() == ElementKind.FIELD && member.getSimpleName().equals(component.getSimpleName())) {
        return member;
      }
    }
    return component;
  }
}

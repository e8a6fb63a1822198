package dev.live.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Reports errors on the element they concern and remembers whether any was reported. */
public final class Diagnostics {
  private final Messager messager;
  private int errors;

  public Diagnostics(Messager messager) {
    this.messager = messager;
  }

  public void error(Element element, Message message, Object... arguments) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(arguments), element);
  }

  /** An error pointing at an annotation of {@code element} (a bad value written in it). */
  public void error(Element element, AnnotationMirror annotation, Message message, Object... arguments) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(arguments), element, annotation);
  }

  /** An error pointing at one value of an annotation of {@code element} (an element of an array, say). */
  public void error(Element element, AnnotationMirror annotation, AnnotationValue value, Message message,
      Object... arguments) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(arguments), element, annotation, value);
  }

  /** An error with no element to point at. */
  public void error(Message message, Object... arguments) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(arguments));
  }

  /** The number of errors reported so far. */
  public int errorCount() {
    return errors;
  }
}

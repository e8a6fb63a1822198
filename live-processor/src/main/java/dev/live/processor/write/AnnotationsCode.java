package dev.live.processor.write;

import com.palantir.javapoet.AnnotationSpec;

/** Annotations generated code puts on members. */
final class AnnotationsCode {
  private AnnotationsCode() {}

  /** For generic varargs that are only read: javac cannot tell a read from an escape. */
  static AnnotationSpec suppressVarargs() {
    return AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "varargs").build();
  }

  /** For casts from {@code Object} to generic types, which the runtime cannot check. */
  static AnnotationSpec suppressUnchecked() {
    return AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build();
  }
}

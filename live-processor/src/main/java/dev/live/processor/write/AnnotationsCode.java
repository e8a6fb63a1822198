package dev.live.processor.write;

import com.palantir.javapoet.AnnotationSpec;

/** Annotations generated code puts on members. */
final class AnnotationsCode {
  private AnnotationsCode() {}

  /** For casts from {@code Object} to generic types, which the runtime cannot check. */
  static AnnotationSpec suppressUnchecked() {
    return AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build();
  }
}

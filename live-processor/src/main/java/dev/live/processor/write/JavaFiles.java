package dev.live.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.live.processor.Diagnostics;
import dev.live.processor.LiveProcessor;
import dev.live.processor.Message;
import java.io.IOException;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.lang.model.element.Element;

/**
 * Writes generated types: formatted, marked {@code @Generated} without a date (same input,
 * same bytes), with the elements they come from for incremental builds.
 */
final class JavaFiles {
  private final Filer filer;
  private final Diagnostics diagnostics;

  JavaFiles(Filer filer, Diagnostics diagnostics) {
    this.filer = filer;
    this.diagnostics = diagnostics;
  }

  static AnnotationSpec generated() {
    return AnnotationSpec.builder(RuntimeTypes.GENERATED)
        .addMember("value", "$S", LiveProcessor.class.getName())
        .build();
  }

  void write(ClassName name, TypeSpec.Builder type, Element... originating) {
    type.addAnnotation(generated());
    for (Element element : originating) {
      type.addOriginatingElement(element);
    }
    JavaFile file = JavaFile.builder(name.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
    try {
      file.writeTo(filer);
    } catch (FilerException e) {
      diagnostics.error(originating[0], Message.GENERATED_NAME_TAKEN, name.canonicalName(), e.getMessage());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

package dev.live.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.live.processor.Diagnostics;
import dev.live.processor.LiveProcessor;
import dev.live.processor.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Writes generated types: formatted, marked {@code @Generated} without a date (same input,
 * same bytes), with the elements they come from for incremental builds.
 */
final class JavaFiles {
  /** A type to write, and the elements it is generated from. */
  record Planned(ClassName name, TypeSpec.Builder type, Element... origins) {}

  private final Filer filer;
  private final Elements elements;
  private final Diagnostics diagnostics;
  private final Set<String> userTypes;

  JavaFiles(Filer filer, Elements elements, Diagnostics diagnostics, Set<String> userTypes) {
    this.filer = filer;
    this.elements = elements;
    this.diagnostics = diagnostics;
    this.userTypes = userTypes;
  }

  static AnnotationSpec generated() {
    return AnnotationSpec.builder(RuntimeTypes.GENERATED)
        .addMember("value", "$S", LiveProcessor.class.getName())
        .build();
  }

  /**
   * Whether every planned name is free; each one a type of the user's already has is reported
   * on that type. Checked before writing anything, so an error round writes nothing.
   */
  boolean checkNames(List<Planned> planned) {
    boolean free = true;
    for (Planned file : planned) {
      String name = file.name().canonicalName();
      if (userTypes.contains(name)) {
        free = false;
        TypeElement taken = elements.getTypeElement(name);
        String reason = "Live generates it for " + file.origins()[0].getSimpleName()
            + ", and this compilation already has a type of that name";
        diagnostics.error(taken != null ? taken : file.origins()[0], Message.GENERATED_NAME_TAKEN, name, reason);
      }
    }
    return free;
  }

  void write(Planned planned) {
    TypeSpec.Builder type = planned.type().addAnnotation(generated());
    for (Element element : planned.origins()) {
      type.addOriginatingElement(element);
    }
    qualifyShadowedJavaLang(planned.name(), type);
    JavaFile file = JavaFile.builder(planned.name().packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
    try {
      file.writeTo(filer);
    } catch (FilerException e) {
      diagnostics.error(planned.origins()[0], Message.GENERATED_NAME_TAKEN, planned.name().canonicalName(),
          e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A user type named like a {@code java.lang} type ({@code String}) in the generated type's
   * package hides the {@code java.lang} one, so generated code spells such names out in full.
   */
  private void qualifyShadowedJavaLang(ClassName name, TypeSpec.Builder type) {
    String prefix = name.packageName().isEmpty() ? "" : name.packageName() + ".";
    for (String user : userTypes) {
      if (!user.startsWith(prefix)) {
        continue;
      }
      String simple = user.substring(prefix.length());
      if (!simple.contains(".") && elements.getTypeElement("java.lang." + simple) != null) {
        type.alwaysQualify(simple);
      }
    }
  }
}

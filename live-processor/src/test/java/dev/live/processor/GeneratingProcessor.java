package dev.live.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Another annotation processor, as a user's build may have: it generates one source file in its
 * first round, so that the file appears to the Live processor in the second.
 */
final class GeneratingProcessor extends AbstractProcessor {
  private final String qualifiedName;
  private final String source;
  private boolean done;

  GeneratingProcessor(String qualifiedName, String... lines) {
    this.qualifiedName = qualifiedName;
    this.source = String.join("\n", lines) + "\n";
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (!done) {
      done = true;
      try (Writer writer = processingEnv.getFiler().createSourceFile(qualifiedName).openWriter()) {
        writer.write(source);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return false;
  }
}

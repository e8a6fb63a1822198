package dev.live.processor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * The Live processor with its {@link Filer} watched: every file it asks to create is recorded,
 * whether or not the compilation succeeds. compile-testing hides generated files once a
 * compilation has failed, and "nothing is written on an error round" is exactly about failed
 * compilations.
 */
final class RecordingLiveProcessor implements Processor {
  private final LiveProcessor delegate = new LiveProcessor();
  private final List<String> created = new ArrayList<>();

  /** The names of the files the processor created, in order. */
  List<String> created() {
    return List.copyOf(created);
  }

  @Override
  public void init(ProcessingEnvironment environment) {
    delegate.init(new RecordingEnvironment(environment));
  }

  @Override
  public Set<String> getSupportedOptions() {
    return delegate.getSupportedOptions();
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return delegate.getSupportedAnnotationTypes();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return delegate.getSupportedSourceVersion();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    return delegate.process(annotations, round);
  }

  @Override
  public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
      ExecutableElement member, String userText) {
    return delegate.getCompletions(element, annotation, member, userText);
  }

  private final class RecordingEnvironment implements ProcessingEnvironment {
    private final ProcessingEnvironment environment;
    private final Filer filer;

    RecordingEnvironment(ProcessingEnvironment environment) {
      this.environment = environment;
      this.filer = new RecordingFiler(environment.getFiler());
    }

    @Override
    public Map<String, String> getOptions() {
      return environment.getOptions();
    }

    @Override
    public Messager getMessager() {
      return environment.getMessager();
    }

    @Override
    public Filer getFiler() {
      return filer;
    }

    @Override
    public Elements getElementUtils() {
      return environment.getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
      return environment.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return environment.getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return environment.getLocale();
    }
  }

  private final class RecordingFiler implements Filer {
    private final Filer filer;

    RecordingFiler(Filer filer) {
      this.filer = filer;
    }

    @Override
    public JavaFileObject createSourceFile(CharSequence name, Element... originating) throws IOException {
      created.add(name.toString());
      return filer.createSourceFile(name, originating);
    }

    @Override
    public JavaFileObject createClassFile(CharSequence name, Element... originating) throws IOException {
      created.add(name.toString());
      return filer.createClassFile(name, originating);
    }

    @Override
    public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPackage,
        CharSequence relativeName, Element... originating) throws IOException {
      created.add(moduleAndPackage + "/" + relativeName);
      return filer.createResource(location, moduleAndPackage, relativeName, originating);
    }

    @Override
    public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPackage,
        CharSequence relativeName) throws IOException {
      return filer.getResource(location, moduleAndPackage, relativeName);
    }
  }
}

package dev.live.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.assertj.core.api.Assertions;

/**
 * Inline fixtures and the compiler the tests run them through: javac with the Live processor,
 * on the test classpath (annotations, runtime and JSpecify), as a user's build would be.
 */
final class Fixtures {
  /**
   * The imports every fixture starts with, after its package: those a schema usually needs, so
   * that each test shows only the declarations it is about.
   */
  private static final List<String> IMPORTS = List.of(
      "import dev.live.annotations.Collection;",
      "import dev.live.annotations.Id;",
      "import dev.live.annotations.Index;",
      "import dev.live.annotations.LiveMessage;",
      "import dev.live.annotations.LiveRoom;",
      "import dev.live.annotations.Procedure;",
      "import dev.live.annotations.Ref;",
      "import dev.live.annotations.Unique;",
      "import dev.live.procedure.ProcedureContext;",
      "import java.math.BigDecimal;",
      "import java.time.Instant;",
      "import java.time.LocalDate;",
      "import java.util.List;",
      "import java.util.Map;",
      "import java.util.Set;",
      "import java.util.UUID;",
      "import org.jspecify.annotations.Nullable;");

  /** Where compile-testing's file manager puts generated sources, in their URIs. */
  private static final String SOURCE_OUTPUT = "/SOURCE_OUTPUT/";

  /** The files of the realistic schema under {@code src/test/resources/fixtures/library}. */
  private static final List<String> LIBRARY = List.of(
      "Address", "Author", "Book", "Genre", "LendBook", "LibraryProcedures", "Loan", "ReadingRoom");

  private Fixtures() {}

  /**
   * A realistic schema, {@code com.example.library}: three collections (a UUID and a long id),
   * to-one references with inverses, an enum, a nested record, a list, nullable fields, and a
   * procedure class with a record input, a query without input and a void mutation, and a room
   * type with two events.
   */
  static List<JavaFileObject> library() {
    return LIBRARY.stream()
        .map(name -> JavaFileObjects.forResource("fixtures/library/" + name + ".java"))
        .toList();
  }

  /** A source file {@code com.example.<simpleName>}: package, common imports, then {@code lines}. */
  static JavaFileObject source(String simpleName, String... lines) {
    return sourceIn("com.example." + simpleName, lines);
  }

  /** A source file of the given qualified name, with the common imports, then {@code lines}. */
  static JavaFileObject sourceIn(String qualifiedName, String... lines) {
    List<String> all = new ArrayList<>();
    all.add("package " + qualifiedName.substring(0, qualifiedName.lastIndexOf('.')) + ";");
    all.addAll(IMPORTS);
    all.addAll(Arrays.asList(lines));
    return JavaFileObjects.forSourceLines(qualifiedName, all);
  }

  /** Compiles {@code sources} with a fresh Live processor. */
  static Compilation compile(JavaFileObject... sources) {
    return compile(List.of(), sources);
  }

  /** Compiles {@code sources} with a fresh Live processor and javac {@code options}. */
  static Compilation compile(List<String> options, JavaFileObject... sources) {
    return compile(options, List.of(sources));
  }

  /** Compiles {@code sources} with a fresh Live processor and javac {@code options}. */
  static Compilation compile(List<String> options, List<JavaFileObject> sources) {
    return javac().withProcessors(new LiveProcessor()).withOptions(options).compile(sources);
  }

  /** Every source the compilation generated, by {@link #generatedPath path}, with its text. */
  static SortedMap<String, String> generatedSources(Compilation compilation) {
    SortedMap<String, String> sources = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      try {
        sources.put(generatedPath(file), file.getCharContent(false).toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sources;
  }

  /** The text of the TypeScript declarations {@code name} written to the class output in {@code packageName}. */
  static String declarations(Compilation compilation, String packageName, String name) {
    JavaFileObject file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, packageName, name)
        .orElseThrow(() -> new AssertionError("no " + name + " in " + packageName + " among "
            + compilation.generatedFiles().stream().map(JavaFileObject::getName).toList()));
    try {
      return file.getCharContent(false).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A generated file's path under the source output: {@code com/example/AppSchema.java}. */
  static String generatedPath(JavaFileObject file) {
    String path = file.toUri().getPath();
    return path.substring(path.indexOf(SOURCE_OUTPUT) + SOURCE_OUTPUT.length());
  }

  /**
   * Compiles {@code sources}, which must not compile, and checks that the processor, having
   * reported errors, created no file at all: never write on an error round. The compilation is
   * returned for its diagnostics.
   */
  static Compilation compileExpectingErrors(JavaFileObject... sources) {
    return compileExpectingErrors(List.of(), sources);
  }

  /** {@link #compileExpectingErrors(JavaFileObject...)} with javac {@code options}. */
  static Compilation compileExpectingErrors(List<String> options, JavaFileObject... sources) {
    RecordingLiveProcessor processor = new RecordingLiveProcessor();
    Compilation compilation = javac().withProcessors(processor).withOptions(options).compile(sources);
    assertThat(compilation).failed();
    Assertions.assertThat(processor.created())
        .as("files the processor created on an error round")
        .isEmpty();
    return compilation;
  }
}

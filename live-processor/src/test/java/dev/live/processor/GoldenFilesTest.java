package dev.live.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.live.processor.Fixtures.compile;
import static dev.live.processor.Fixtures.library;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjectSubject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Every source generated for the library fixture, and its TypeScript declarations, compared with
 * their golden files under {@code src/test/resources/golden/<package path>/} ({@code <Name>.java},
 * {@code AppSchema.d.ts}). After an intended change to the generated code, rewrite the goldens
 * and review their diff:
 *
 * <pre>{@code
 * mvn -pl live-processor test -Dtest=GoldenFilesTest -Dlive.updateGoldens=true
 * }</pre>
 */
class GoldenFilesTest {
  private static final String UPDATE_PROPERTY = "live.updateGoldens";
  /** Where compile-testing's file manager puts generated resources, in their URIs. */
  private static final String CLASS_OUTPUT = "/CLASS_OUTPUT/";

  /** Relative to the module: surefire runs tests there and sets {@code basedir} to it. */
  private static final Path GOLDEN_ROOT =
      Path.of(System.getProperty("basedir", ""), "src", "test", "resources", "golden");

  @Test
  void everyGeneratedSourceMatchesItsGoldenFile() throws IOException {
    Compilation compilation = compile(List.of(), library());
    assertThat(compilation).succeededWithoutWarnings();
    SortedMap<String, JavaFileObject> generated = byPath(compilation);

    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      rewriteGoldens(generated);
      return;
    }
    SortedSet<String> goldens = goldenPaths();
    SortedSet<String> withoutGolden = new TreeSet<>(generated.keySet());
    withoutGolden.removeAll(goldens);
    SortedSet<String> withoutSource = new TreeSet<>(goldens);
    withoutSource.removeAll(generated.keySet());
    Assertions.assertThat(withoutGolden)
        .as("generated files with no golden file (rerun with -D%s=true and review)", UPDATE_PROPERTY)
        .isEmpty();
    Assertions.assertThat(withoutSource)
        .as("golden files the processor no longer generates (rerun with -D%s=true and review)", UPDATE_PROPERTY)
        .isEmpty();
    for (Map.Entry<String, JavaFileObject> file : generated.entrySet()) {
      String golden = Files.readString(GOLDEN_ROOT.resolve(file.getKey()), StandardCharsets.UTF_8);
      JavaFileObjectSubject.assertThat(file.getValue()).contentsAsUtf8String().isEqualTo(golden);
    }
  }

  /** The generated sources, and the TypeScript declarations written to the class output. */
  private static SortedMap<String, JavaFileObject> byPath(Compilation compilation) {
    SortedMap<String, JavaFileObject> files = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      files.put(Fixtures.generatedPath(file), file);
    }
    for (JavaFileObject file : compilation.generatedFiles()) {
      String path = file.toUri().getPath();
      if (path.endsWith(".d.ts")) {
        files.put(path.substring(path.indexOf(CLASS_OUTPUT) + CLASS_OUTPUT.length()), file);
      }
    }
    return files;
  }

  private static SortedSet<String> goldenPaths() throws IOException {
    SortedSet<String> paths = new TreeSet<>();
    if (!Files.isDirectory(GOLDEN_ROOT)) {
      return paths;
    }
    try (Stream<Path> files = Files.walk(GOLDEN_ROOT)) {
      files.filter(Files::isRegularFile)
          .forEach(file -> paths.add(GOLDEN_ROOT.relativize(file).toString().replace('\\', '/')));
    }
    return paths;
  }

  /** Replaces every golden file with what the processor generates now, dropping stale ones. */
  private static void rewriteGoldens(SortedMap<String, JavaFileObject> generated) throws IOException {
    if (Files.isDirectory(GOLDEN_ROOT)) {
      List<Path> stale = new ArrayList<>();
      try (Stream<Path> files = Files.walk(GOLDEN_ROOT)) {
        files.filter(Files::isRegularFile).forEach(stale::add);
      }
      for (Path file : stale) {
        Files.delete(file);
      }
    }
    for (Map.Entry<String, JavaFileObject> file : generated.entrySet()) {
      Path golden = GOLDEN_ROOT.resolve(file.getKey());
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, file.getValue().getCharContent(false), StandardCharsets.UTF_8);
    }
  }
}

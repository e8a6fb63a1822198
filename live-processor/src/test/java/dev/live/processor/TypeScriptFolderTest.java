package dev.live.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.live.processor.Fixtures.compile;
import static dev.live.processor.Fixtures.compileExpectingErrors;
import static dev.live.processor.Fixtures.declarations;
import static dev.live.processor.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Option {@code -Alive.typescript.dir}: the TypeScript declarations go to that folder as well as to
 * the class output, for a front end's sources; a folder that cannot be written fails the compilation
 * before anything is generated.
 */
class TypeScriptFolderTest {
  private static final JavaFileObject TASK = source("Task",
      "@Collection(\"tasks\")",
      "public record Task(@Id String id, String title) {}");

  @TempDir
  Path temporary;

  private static Compilation compileWithFolder(String folder, JavaFileObject... sources) {
    Compilation compilation = compile(List.of("-Alive.typescript.dir=" + folder), sources);
    assertThat(compilation).succeededWithoutWarnings();
    return compilation;
  }

  @Test
  void theDeclarationsAreWrittenToTheFolderAsToTheClassOutput() throws IOException {
    Path folder = temporary.resolve("web/src/generated");

    Compilation compilation = compileWithFolder(folder.toString(), TASK);

    assertThat(folder.resolve("AppSchema.d.ts")).exists();
    assertThat(Files.readString(folder.resolve("AppSchema.d.ts"), StandardCharsets.UTF_8))
        .isEqualTo(declarations(compilation, "com.example", "AppSchema.d.ts"))
        .contains("export interface Task {");
    try (var files = Files.list(folder)) {
      assertThat(files).containsExactly(folder.resolve("AppSchema.d.ts"));
    }
  }

  @Test
  void theFileIsNamedLikeTheRegistry() {
    Compilation compilation = compile(List.of("-Alive.schema=com.example.Board",
        "-Alive.typescript.dir=" + temporary), TASK);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(temporary.resolve("Board.d.ts")).exists();
  }

  @Test
  void aRelativeFolderIsUnderTheCompilersWorkingDirectory() {
    Path workingDirectory = Path.of("").toAbsolutePath();
    Path folder = temporary.resolve("relative");
    String relative = workingDirectory.relativize(folder).toString();

    compileWithFolder(relative, TASK);

    assertThat(folder.resolve("AppSchema.d.ts")).exists();
  }

  @Test
  void anUnchangedFileIsLeftAloneAndAChangedOneReplaced() throws IOException {
    Path file = temporary.resolve("AppSchema.d.ts");
    compileWithFolder(temporary.toString(), TASK);
    FileTime longAgo = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(file, longAgo);

    compileWithFolder(temporary.toString(), TASK);
    assertThat(Files.getLastModifiedTime(file)).as("a watching dev server sees no change").isEqualTo(longAgo);

    JavaFileObject renamed = source("Task", "@Collection(\"tasks\")", "public record Task(@Id String id, String name) {}");
    compileWithFolder(temporary.toString(), renamed);
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("readonly name: string;")
        .doesNotContain("readonly title");
    assertThat(Files.getLastModifiedTime(file)).isNotEqualTo(longAgo);
  }

  @Test
  void aFileInThePlaceOfTheFolderFailsTheCompilationBeforeAnythingIsWritten() throws IOException {
    Path inTheWay = Files.writeString(temporary.resolve("generated"), "not a folder");

    Compilation compilation = compileExpectingErrors(List.of("-Alive.typescript.dir=" + inTheWay), TASK);

    assertThat(compilation).hadErrorContaining("[TYPESCRIPT_DIR_UNWRITABLE] option live.typescript.dir=" + inTheWay
        + ": cannot write AppSchema.d.ts there (" + inTheWay + " exists and is not a folder)");
  }

  @Test
  void aFolderBelowAFileFailsTheCompilation() throws IOException {
    Path inTheWay = Files.writeString(temporary.resolve("web"), "not a folder");

    Compilation compilation = compileExpectingErrors(List.of("-Alive.typescript.dir=" + inTheWay.resolve("src")), TASK);

    assertThat(compilation).hadErrorContaining("[TYPESCRIPT_DIR_UNWRITABLE] option live.typescript.dir="
        + inTheWay.resolve("src") + ": cannot write AppSchema.d.ts there");
  }

  @Test
  void anEmptyFolderOptionIsAnError() {
    Compilation withoutValue = compileExpectingErrors(List.of("-Alive.typescript.dir"), TASK);
    Compilation withEmptyValue = compileExpectingErrors(List.of("-Alive.typescript.dir="), TASK);

    for (Compilation compilation : List.of(withoutValue, withEmptyValue)) {
      assertThat(compilation).hadErrorContaining("[TYPESCRIPT_DIR_UNWRITABLE] option live.typescript.dir=: cannot"
          + " write AppSchema.d.ts there");
    }
  }
}

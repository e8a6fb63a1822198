package dev.live.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.live.processor.Fixtures.compileExpectingErrors;
import static dev.live.processor.Fixtures.source;
import static dev.live.processor.Fixtures.sourceIn;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Errors about the schema registry's name. They concern the whole compilation, not one
 * element, so javac shows them without a file or line.
 *
 * <p>Every test compiles through {@link Fixtures#compileExpectingErrors}, which also checks that
 * the processor wrote nothing on the error round.
 */
class SchemaErrorsTest {
  private static final JavaFileObject TASK = source("Task",
      "@Collection(\"tasks\")",
      "public record Task(@Id String id) {}");

  @ParameterizedTest
  @ValueSource(strings = {"AppSchema", "com.example.", ".AppSchema", "com.example.1Schema", "com..AppSchema",
      "com.example.class"})
  void schemaOptionThatIsNotAQualifiedClassNameIsRejected(String option) {
    Compilation compilation = compileExpectingErrors(List.of("-Alive.schema=" + option), TASK);

    assertThat(compilation).hadErrorContaining("[SCHEMA_NAME_INVALID] option live.schema=" + option
        + " is not a qualified class name such as com.example.AppSchema");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void collectionsInUnrelatedPackagesNeedTheSchemaOption() {
    JavaFileObject task = sourceIn("org.tasks.Task",
        "@Collection(\"tasks\")",
        "public record Task(@Id String id) {}");
    JavaFileObject user = sourceIn("com.users.User",
        "@Collection(\"users\")",
        "public record User(@Id String id) {}");

    Compilation compilation = compileExpectingErrors(task, user);

    assertThat(compilation).hadErrorContaining("[SCHEMA_PACKAGE_UNKNOWN] the collections, procedures, messages and"
        + " rooms share no named package to put the schema registry in; name it with the compiler option"
        + " -Alive.schema=com.example.AppSchema");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void collectionInTheUnnamedPackageNeedsTheSchemaOption() {
    JavaFileObject task = JavaFileObjects.forSourceLines("Task",
        "import dev.live.annotations.Collection;",
        "import dev.live.annotations.Id;",
        "@Collection(\"tasks\")",
        "public record Task(@Id String id) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[SCHEMA_PACKAGE_UNKNOWN]");
  }

  @Test
  void errorInOneCollectionIsNotAlsoReportedAsAMissingCommonPackage() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(String title) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[ID_MISSING]").inFile(task).onLineContaining("record Task(");
    assertThat(compilation).hadErrorCount(1);
  }
}

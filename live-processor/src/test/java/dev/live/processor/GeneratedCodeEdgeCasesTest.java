package dev.live.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.live.processor.Fixtures.compile;
import static dev.live.processor.Fixtures.compileExpectingErrors;
import static dev.live.processor.Fixtures.library;
import static dev.live.processor.Fixtures.source;

import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * User names and types that generated code must not trip over: components and parameters named
 * like generated locals or members, user types named like generated or {@code java.lang} types,
 * and the project's own lint flags.
 */
class GeneratedCodeEdgeCasesTest {
  @Test

  void generatedNameTakenByAUserTypeWritesNothing() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(@Id String id) {}");
    JavaFileObject taskQuery = source("TaskQuery", "public class TaskQuery {}");

    compileExpectingErrors(task, taskQuery);
  }

  @Test

  void componentNamedMissingCompiles() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(@Id String id, String missing) {}");

    assertThat(compile(task)).succeededWithoutWarnings();
  }

  @Test

  void intComponentNamedValueCompiles() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(@Id String id, int value) {}");

    assertThat(compile(task)).succeededWithoutWarnings();
  }

  @Test

  void procedureParameterNamedCallerCompiles() {
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure",
        "  public void ring(String caller) {}",
        "}");

    assertThat(compile(procedures)).succeededWithoutWarnings();
  }

  @Test

  void generatedCodeHasNoLintWarningsUnderThisProjectsOwnLintFlags() {
    assertThat(compile(List.of("-Xlint:all,-processing,-serial"), library())).succeededWithoutWarnings();
  }

  @Test

  void typeNamedLikeAJavaLangTypeInTheSchemaPackageCompiles() {
    JavaFileObject string = source("String", "public record String(int length) {}");
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(@Id java.lang.String id, com.example.String code) {}");

    assertThat(compile(string, task)).succeededWithoutWarnings();
  }
}

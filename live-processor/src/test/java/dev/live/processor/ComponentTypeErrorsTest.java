package dev.live.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.live.processor.Fixtures.compileExpectingErrors;
import static dev.live.processor.Fixtures.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Errors about the type of a component: what Live cannot store or send, and nullability it
 * cannot honour. Each is reported on the component, which javac shows as its line.
 *
 * <p>Every test compiles through {@link Fixtures#compileExpectingErrors}, which also checks that
 * the processor wrote nothing on the error round.
 */
class ComponentTypeErrorsTest {
  /** What every "unsupported type" message lists, so the user sees what to use instead. */
  private static final String SUPPORTED = "supported: String, boolean, int, long, double (and Boolean,"
      + " Integer, Long, Double), BigDecimal, Instant, LocalDate, UUID, enums, records of these, and List of"
      + " these";

  @Test
  void setComponentIsRejectedListingTheSupportedTypes() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    Set<String> labels) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[UNSUPPORTED_TYPE] component 'labels' of Task has type"
            + " java.util.Set<java.lang.String>, which Live cannot store or send; " + SUPPORTED)
        .inFile(task).onLineContaining("Set<String> labels");
  }

  @Test
  void floatComponentIsRejected() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    float weight) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[UNSUPPORTED_TYPE] component 'weight' of Task has type float,"
            + " which Live cannot store or send; " + SUPPORTED)
        .inFile(task).onLineContaining("float weight");
  }

  @Test
  void javaUtilDateComponentIsRejected() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    java.util.Date due) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[UNSUPPORTED_TYPE] component 'due' of Task has type"
            + " java.util.Date, which Live cannot store or send; " + SUPPORTED)
        .inFile(task).onLineContaining("java.util.Date due");
  }

  @Test
  void genericRecordComponentIsRejected() {
    JavaFileObject pair = source("Pair", "public record Pair<A, B>(A first, B second) {}");
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    Pair<String, String> names) {}");

    Compilation compilation = compileExpectingErrors(pair, task);

    assertThat(compilation).hadErrorContaining("[UNSUPPORTED_TYPE] component 'names' of Task has type"
            + " com.example.Pair<java.lang.String, java.lang.String>, which Live cannot store or send; "
            + SUPPORTED)
        .inFile(task).onLineContaining("Pair<String, String> names");
  }

  @Test
  void mapComponentIsRejectedEvenInsideAList() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    List<Map<String, String>> attributes) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[UNSUPPORTED_TYPE] component 'attributes' of Task has type"
            + " java.util.List<java.util.Map<java.lang.String, java.lang.String>>")
        .inFile(task).onLineContaining("List<Map<String, String>> attributes");
  }

  @Test
  void unsupportedComponentOfNestedRecordIsReportedOnceOnThatComponent() {
    JavaFileObject place = source("Place",
        "public record Place(",
        "    String name,",
        "    float latitude) {}");
    JavaFileObject user = source("User",
        "@Collection(\"users\")",
        "public record User(",
        "    @Id String id,",
        "    Place home,",
        "    Place work) {}");

    Compilation compilation = compileExpectingErrors(place, user);

    assertThat(compilation).hadErrorContaining("[UNSUPPORTED_TYPE] component 'latitude' of Place has type"
            + " float")
        .inFile(place).onLineContaining("float latitude");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void nullablePrimitiveIsRejectedSuggestingItsBoxedType() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    @Nullable int estimate) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[NULLABLE_PRIMITIVE] component 'estimate' of Task is"
            + " @Nullable but has primitive type int, which cannot be null; use Integer")
        .inFile(task).onLineContaining("@Nullable int estimate");
  }

  @Test
  void nullableListElementIsRejectedOnTheComponent() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    List<@Nullable String> labels) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[NULLABLE_LIST_ELEMENT] component 'labels' of Task has type"
            + " java.util.List<@Nullable java.lang.String>: list elements cannot be"
            + " null; remove @Nullable from the element type")
        .inFile(task).onLineContaining("List<@Nullable String> labels");
  }

  @Test
  void privateNestedTypeIsRejectedAsInaccessibleToGeneratedCode() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    Level level) {",
        "  private enum Level { LOW, HIGH }",
        "}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[TYPE_NOT_ACCESSIBLE] component 'level' of Task has type"
            + " com.example.Task.Level, which is private; generated code must be able to use it")
        .inFile(task).onLineContaining("Level level");
  }

  @Test
  void unsupportedTypeIsNamedWithoutItsTypeAnnotations() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    java.util.@Nullable Date due) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[UNSUPPORTED_TYPE] component 'due' of Task has type"
            + " java.util.Date, which Live cannot store or send")
        .inFile(task).onLineContaining("Date due");
  }

  @Test
  void componentNamedLikeAMethodOfObjectIsRejectedInsteadOfCrashing() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    int hashCode) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[COMPONENT_NAME_ILLEGAL] component name 'hashCode' is not"
            + " allowed: a record component may not be named like a method of Object; rename the component")
        .inFile(task).onLineContaining("int hashCode");
    Assertions.assertThat(compilation.errors())
        .noneMatch(error -> error.getMessage(null).contains("[INTERNAL_ERROR]"));
  }

  @Test
  void nestedRecordComponentNamedLikeAMethodOfObjectIsRejectedOnThatComponent() {
    JavaFileObject label = source("Label",
        "public record Label(",
        "    String toString) {}");
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(@Id String id, Label label) {}");

    Compilation compilation = compileExpectingErrors(label, task);

    assertThat(compilation).hadErrorContaining("[COMPONENT_NAME_ILLEGAL] component name 'toString'")
        .inFile(label).onLineContaining("String toString");
  }
}

package dev.live.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.live.processor.Fixtures.compileExpectingErrors;
import static dev.live.processor.Fixtures.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Errors about a {@code @Collection} declaration itself: its kind, name, id and columns.
 *
 * <p>Every test compiles through {@link Fixtures#compileExpectingErrors}, which also checks that
 * the processor wrote nothing on the error round.
 */
class CollectionErrorsTest {
  @Test
  void collectionOnClassIsRejectedOnTheClass() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public class Task {",
        "  String id;",
        "}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining(
            "[COLLECTION_NOT_A_RECORD] @Collection applies to records, and Task is a class;"
                + " declare it as 'record Task(@Id String id, ...)'")
        .inFile(task).onLineContaining("public class Task");
  }

  @Test
  void collectionOnEnumIsRejectedNamingItsKind() {
    JavaFileObject status = source("Status",
        "@Collection(\"statuses\")",
        "public enum Status { OPEN, DONE }");

    Compilation compilation = compileExpectingErrors(status);

    assertThat(compilation).hadErrorContaining("[COLLECTION_NOT_A_RECORD] @Collection applies to records,"
            + " and Status is an enum")
        .inFile(status).onLineContaining("public enum Status");
  }

  @Test
  void genericCollectionRecordIsRejectedOnTheRecord() {
    JavaFileObject box = source("Box",
        "@Collection(\"boxes\")",
        "public record Box<T>(",
        "    @Id String id,",
        "    String label) {}");

    Compilation compilation = compileExpectingErrors(box);

    assertThat(compilation).hadErrorContaining("[COLLECTION_GENERIC] @Collection record Box must not be generic")
        .inFile(box).onLineContaining("public record Box<T>(");
  }

  @Test
  void privateCollectionRecordIsRejectedOnTheRecord() {
    JavaFileObject outer = source("Outer",
        "public class Outer {",
        "  @Collection(\"tasks\")",
        "  private record Task(@Id String id) {}",
        "}");

    Compilation compilation = compileExpectingErrors(outer);

    assertThat(compilation).hadErrorContaining("[COLLECTION_NOT_ACCESSIBLE] @Collection record Task must be"
            + " accessible from its package")
        .inFile(outer).onLineContaining("private record Task(");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1tasks", "task-list", "", "_tasks", "täsks"})
  void invalidCollectionNameIsRejectedOnTheAnnotation(String name) {
    JavaFileObject task = source("Task",
        "@Collection(\"" + name + "\")",
        "public record Task(@Id String id) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[COLLECTION_NAME_INVALID] collection name \"" + name
            + "\" is not allowed: use a letter followed by letters, digits or underscores, at most 63 characters")
        .inFile(task).onLineContaining("@Collection(\"");
  }

  @Test
  void collectionNameOfSixtyFourCharactersIsRejected() {
    String name = "t".repeat(64);
    JavaFileObject task = source("Task",
        "@Collection(\"" + name + "\")",
        "public record Task(@Id String id) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[COLLECTION_NAME_INVALID] collection name \"" + name + "\"")
        .inFile(task).onLineContaining("@Collection(\"");
  }

  @Test
  void twoCollectionsWithOneNameAreRejectedOnTheSecondNamingTheFirst() {
    JavaFileObject task = source("Task",
        "@Collection(\"items\")",
        "public record Task(@Id String id) {}");
    JavaFileObject todo = source("Todo",
        "@Collection(\"items\")",
        "public record Todo(@Id String id) {}");

    Compilation compilation = compileExpectingErrors(task, todo);

    assertThat(compilation).hadErrorContaining("[COLLECTION_NAME_DUPLICATE] collection name \"items\" is also"
            + " used by com.example.Task")
        .inFile(todo).onLineContaining("public record Todo(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void recordWithoutIdIsRejectedOnTheRecord() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    String title) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[ID_MISSING] Task has no @Id component; mark exactly one"
            + " component as the id, e.g. '@Id String id'")
        .inFile(task).onLineContaining("public record Task(");
  }

  @Test
  void secondIdIsRejectedOnTheSecondIdComponent() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    @Id String code) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[ID_DUPLICATE] Task has a second @Id component 'code'"
            + " (the first is 'id')")
        .inFile(task).onLineContaining("@Id String code");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void idOfUnsupportedIdTypeIsRejectedNamingTheIdTypes() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id double id,",
        "    String title) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[ID_TYPE] @Id component 'id' has type double; an id is a"
            + " String, UUID, int/Integer or long/Long")
        .inFile(task).onLineContaining("@Id double id");
  }

  @Test
  void nullableIdIsRejectedOnTheId() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id @Nullable String id,",
        "    String title) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[ID_NULLABLE] @Id component 'id' is @Nullable; an id is"
            + " never null")
        .inFile(task).onLineContaining("@Id @Nullable String id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"collection", "builder", "applyTo", "COLLECTION"})
  void reservedComponentNameIsRejectedOnTheComponent(String name) {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    String " + name + ") {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[COMPONENT_NAME_RESERVED] component name '" + name
            + "' is reserved: generated ")
        .inFile(task).onLineContaining("String " + name + ")");
  }

  @Test
  void indexOnListComponentIsRejectedOnTheComponent() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    @Index List<String> labels) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[INDEX_ON_JSON] @Index on 'labels' is not allowed: 'labels'"
            + " is stored as JSON")
        .inFile(task).onLineContaining("@Index List<String> labels");
  }

  @Test
  void uniqueOnNestedRecordComponentIsRejectedOnTheComponent() {
    JavaFileObject address = source("Address", "public record Address(String city) {}");
    JavaFileObject user = source("User",
        "@Collection(\"users\")",
        "public record User(",
        "    @Id String id,",
        "    @Unique Address address) {}");

    Compilation compilation = compileExpectingErrors(address, user);

    assertThat(compilation).hadErrorContaining("[INDEX_ON_JSON] @Unique on 'address' is not allowed")
        .inFile(user).onLineContaining("@Unique Address address");
  }

  @Test
  void twoComponentsMappingToOneColumnAreRejectedOnTheSecond() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    String fooBar,",
        "    String foo_bar) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[COLUMN_CLASH] components 'fooBar' and 'foo_bar' both map to"
            + " column foo_bar; rename one")
        .inFile(task).onLineContaining("String foo_bar)");
  }
}

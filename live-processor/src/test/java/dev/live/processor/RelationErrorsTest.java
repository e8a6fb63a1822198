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
 * Errors about {@code @Ref}: what it may point at, its type, and the names of the relations it
 * declares on both sides. Each is reported on the referencing component.
 *
 * <p>Every test compiles through {@link Fixtures#compileExpectingErrors}, which also checks that
 * the processor wrote nothing on the error round.
 */
class RelationErrorsTest {
  /** A valid target: a collection with a String id and a field called {@code name}. */
  private static final JavaFileObject USER = source("User",
      "@Collection(\"users\")",
      "public record User(@Id String id, String name) {}");

  @Test
  void refToRecordThatIsNotACollectionIsRejected() {
    JavaFileObject person = source("Person", "public record Person(String id) {}");
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    @Ref(Person.class) String personId) {}");

    Compilation compilation = compileExpectingErrors(person, task);

    assertThat(compilation).hadErrorContaining("[REF_NOT_COLLECTION] @Ref target Person is not a @Collection"
            + " record; @Ref points at a record annotated with @Collection")
        .inFile(task).onLineContaining("@Ref(Person.class) String personId");
  }

  @Test
  void refWhoseTypeDiffersFromTheTargetIdTypeIsRejectedNamingBothTypes() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    @Ref(User.class) long ownerId) {}");

    Compilation compilation = compileExpectingErrors(USER, task);

    assertThat(compilation).hadErrorContaining("[REF_TYPE_MISMATCH] @Ref component 'ownerId' has type long,"
            + " but the id 'id' of User has type String; a reference has the type of its target's id")
        .inFile(task).onLineContaining("@Ref(User.class) long ownerId");
  }

  @Test
  void refWithoutIdSuffixOrNameIsRejectedShowingHowToNameIt() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    @Ref(User.class) String owner) {}");

    Compilation compilation = compileExpectingErrors(USER, task);

    assertThat(compilation).hadErrorContaining("[REF_NAME_REQUIRED] @Ref component 'owner' does not end in"
            + " 'Id', so its relation needs a name: @Ref(value = User.class, name = \"...\")")
        .inFile(task).onLineContaining("@Ref(User.class) String owner");
  }

  @Test
  void refOnListIsRejected() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    @Ref(value = User.class, name = \"watchers\") List<String> watcherIds) {}");

    Compilation compilation = compileExpectingErrors(USER, task);

    assertThat(compilation).hadErrorContaining("[REF_ON_JSON] @Ref on 'watcherIds' is not allowed: a"
            + " reference holds the target's id, not List<String>")
        .inFile(task).onLineContaining("List<String> watcherIds");
  }

  @Test
  void relationNameClashingWithAFieldIsRejected() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    String owner,",
        "    @Ref(User.class) String ownerId) {}");

    Compilation compilation = compileExpectingErrors(USER, task);

    assertThat(compilation).hadErrorContaining("[RELATION_NAME_CLASH] relation 'owner' of Task clashes with"
            + " field 'owner'; choose another name with @Ref(name = ...)")
        .inFile(task).onLineContaining("@Ref(User.class) String ownerId");
  }

  @Test
  void inverseRelationNameClashingWithAFieldOfTheTargetIsRejected() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    @Ref(value = User.class, inverse = \"name\") String ownerId) {}");

    Compilation compilation = compileExpectingErrors(USER, task);

    assertThat(compilation).hadErrorContaining("[INVERSE_NAME_CLASH] inverse relation 'name' on User clashes"
            + " with field 'name'")
        .inFile(task).onLineContaining("String ownerId");
  }

  @Test
  void twoInversesWithOneNameOnOneTargetAreRejectedOnTheSecond() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    @Ref(value = User.class, inverse = \"tasks\") String ownerId,",
        "    @Ref(value = User.class, inverse = \"tasks\") String reviewerId) {}");

    Compilation compilation = compileExpectingErrors(USER, task);

    assertThat(compilation).hadErrorContaining("[INVERSE_NAME_CLASH] inverse relation 'tasks' on User clashes"
            + " with the inverse relation 'tasks'")
        .inFile(task).onLineContaining("String reviewerId");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void invalidRelationNameIsRejected() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    @Ref(value = User.class, name = \"the owner\") String ownerId) {}");

    Compilation compilation = compileExpectingErrors(USER, task);

    assertThat(compilation).hadErrorContaining("[RELATION_NAME_INVALID] relation name \"the owner\" is not"
            + " allowed: use a Java identifier that starts with a letter and is not a keyword")
        .inFile(task).onLineContaining("String ownerId");
  }

  @Test
  void reservedInverseNameIsRejected() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    @Ref(value = User.class, inverse = \"value\") String ownerId) {}");

    Compilation compilation = compileExpectingErrors(USER, task);

    assertThat(compilation).hadErrorContaining("[RELATION_NAME_RESERVED] relation name 'value' is reserved:"
            + " generated Row has a member of that name; choose another with @Ref(name = ...)")
        .inFile(task).onLineContaining("String ownerId");
  }

  @ParameterizedTest
  @ValueSource(strings = {"name = \"toString\"", "inverse = \"hashCode\""})
  void relationNamedLikeAMethodOfObjectIsRejected(String naming) {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    @Ref(value = User.class, " + naming + ") String ownerId) {}");

    Compilation compilation = compileExpectingErrors(USER, task);

    assertThat(compilation).hadErrorContaining("[RELATION_NAME_RESERVED] relation name '")
        .inFile(task).onLineContaining("String ownerId");
    assertThat(compilation).hadErrorContaining("' is reserved: generated Row has a member of that name");
  }
}

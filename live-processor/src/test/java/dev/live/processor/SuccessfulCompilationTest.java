package dev.live.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.live.processor.Fixtures.compile;
import static dev.live.processor.Fixtures.generatedSources;
import static dev.live.processor.Fixtures.library;
import static dev.live.processor.Fixtures.source;
import static dev.live.processor.Fixtures.sourceIn;

import com.google.common.truth.StringSubject;
import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Schemas that are valid: what gets generated, where, and that it compiles. */
class SuccessfulCompilationTest {
  @Test
  void libraryFixtureCompilesWithoutWarnings() {
    Compilation compilation = compile(List.of(), library());

    assertThat(compilation).succeededWithoutWarnings();
    Assertions.assertThat(generatedSources(compilation).keySet()).contains(
        "com/example/library/AppSchema.java",
        "com/example/library/Book_.java",
        "com/example/library/BookQuery.java",
        "com/example/library/BookRow.java",
        "com/example/library/BookInsert.java",
        "com/example/library/BookUpdate.java",
        "com/example/library/BookJson.java",
        "com/example/library/BookJdbc.java",
        "com/example/library/AddressJson.java",
        "com/example/library/GenreJson.java",
        "com/example/library/LendBookJson.java",
        "com/example/library/LibraryProcedures_.java",
        "com/example/library/LibraryProceduresDispatcher.java",
        "com/example/library/LibraryProceduresClient.java");
  }

  @Test
  void registryDefaultsToAppSchemaInThePackageAllElementsShare() {
    JavaFileObject task = sourceIn("com.example.tasks.Task",
        "@Collection(\"tasks\")",
        "public record Task(@Id String id) {}");
    JavaFileObject user = sourceIn("com.example.users.User",
        "@Collection(\"users\")",
        "public record User(@Id String id) {}");
    JavaFileObject procedures = sourceIn("com.example.api.Api",
        "public class Api {",
        "  @Procedure",
        "  public void ping() {}",
        "}");

    Compilation compilation = compile(task, user, procedures);

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("com.example.AppSchema")
        .contentsAsUtf8String().contains("public final class AppSchema extends LiveSchema");
  }

  @Test
  void schemaOptionNamesTheRegistryClass() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(@Id String id) {}");

    Compilation compilation = compile(List.of("-Alive.schema=com.example.schema.MySchema"), task);

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("com.example.schema.MySchema")
        .contentsAsUtf8String().contains("public final class MySchema extends LiveSchema");
    Assertions.assertThat(compilation.generatedSourceFile("com.example.AppSchema")).isEmpty();
  }

  @Test
  void nestedCollectionRecordGetsFlattenedGeneratedNames() {
    JavaFileObject outer = source("Outer",
        "public class Outer {",
        "  @Collection(\"tasks\")",
        "  public record Task(@Id String id, String title, Step step) {}",
        "  public record Step(String text, boolean done) {}",
        "}");
    JavaFileObject use = source("UsesGeneratedCode",
        "class UsesGeneratedCode {",
        "  Outer.Task rename(Outer.Task task) {",
        "    return Outer_TaskUpdate.of().title(\"renamed\").applyTo(task);",
        "  }",
        "  Object firstTen() {",
        "    return Outer_TaskQuery.where(Outer_Task_.title.eq(\"a\")).limit(10);",
        "  }",
        "}");

    Compilation compilation = compile(outer, use);

    assertThat(compilation).succeededWithoutWarnings();
    Assertions.assertThat(generatedSources(compilation).keySet()).containsExactlyInAnyOrder(
        "com/example/AppSchema.java",
        "com/example/Outer_Task_.java",
        "com/example/Outer_TaskQuery.java",
        "com/example/Outer_TaskRow.java",
        "com/example/Outer_TaskInsert.java",
        "com/example/Outer_TaskUpdate.java",
        "com/example/Outer_TaskJson.java",
        "com/example/Outer_TaskJdbc.java",
        "com/example/Outer_StepJson.java");
  }

  @Test
  void componentOfATypeAnotherProcessorGeneratesIsReadInTheNextRound() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(@Id String id, Address address) {}");
    GeneratingProcessor generatesAddress = new GeneratingProcessor("com.example.Address",
        "package com.example;",
        "public record Address(String city) {}");

    Compilation compilation = javac().withProcessors(generatesAddress, new LiveProcessor()).compile(task);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.example.AddressJson");
    assertThat(compilation).generatedSourceFile("com.example.TaskJson");
  }

  /** Component names that generated types also use internally; each must still compile. */
  @ParameterizedTest
  @ValueSource(strings = {"name", "type", "value", "index", "of", "all", "where", "limit", "first", "one",
      "input", "context", "target", "codec", "fields", "EMPTY", "ROWS", "json", "reader", "writer"})
  void componentNamedLikeAMemberOfGeneratedCodeCompiles(String name) {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(@Id String id, String " + name + ", @Nullable Long count) {}");

    assertThat(compile(task)).succeededWithoutWarnings();
  }

  @Test
  void collectionMayReferToItselfAndHoldNestedAndRecursiveValues() {
    JavaFileObject node = source("Node", "public record Node(String label, List<Node> children) {}");
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id long id,",
        "    @Ref(value = Task.class, inverse = \"subtasks\") @Nullable Long parentId,",
        "    Node outline,",
        "    List<List<String>> grid,",
        "    java.time.DayOfWeek day) {}");

    Compilation compilation = compile(node, task);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.example.NodeJson");
    assertThat(compilation).generatedSourceFile("com.example.DayOfWeekJson");
  }

  @Test
  void liveQueryProcedureInAnotherPackageReturningTheGeneratedQueryIsRecognised() {
    JavaFileObject task = source("Task", "@Collection(\"tasks\")", "public record Task(@Id String id, String boardId) {}");
    JavaFileObject procedures = sourceIn("com.example.api.BoardProcedures",
        "import com.example.Task;",
        "import com.example.TaskQuery;",
        "import com.example.Task_;",
        "public class BoardProcedures {",
        "  @Procedure(kind = Procedure.Kind.QUERY)",
        "  public TaskQuery<Task> ofBoard(String boardId) {",
        "    return TaskQuery.where(Task_.boardId.eq(boardId));",
        "  }",
        "}");

    Compilation compilation = compile(List.of("-Alive.schema=com.example.AppSchema"), task, procedures);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.example.api.BoardProcedures_")
        .contentsAsUtf8String().contains("ProcedureDescriptor<String, TypedQuery<Task, ?>> ofBoard ="
            + " ProcedureDescriptor.liveQuery(\"ofBoard\"");
  }

  @Test
  void liveQueryProceduresGetStubMethodsTypedByTheirRowsUnlessTheReturnTypeLeavesThemOpen() {
    JavaFileObject task = source("Task", "@Collection(\"tasks\")",
        "public record Task(@Id String id, @Ref(value = Task.class, inverse = \"subtasks\") @Nullable String parentId) {}");
    JavaFileObject procedures = sourceIn("com.example.api.BoardProcedures",
        "import com.example.*;",
        "import dev.live.query.*;",
        "public class BoardProcedures {",
        "  @Procedure(kind = Procedure.Kind.QUERY)",
        "  public TaskQuery<Task> plain(String parentId) { return TaskQuery.where(Task_.parentId.eq(parentId)); }",
        "  @Procedure(kind = Procedure.Kind.QUERY)",
        "  public TaskQuery<TaskRow> withSubtasks() { return TaskQuery.all().include(Task_.subtasks); }",
        "  @Procedure(kind = Procedure.Kind.QUERY)",
        "  public SingleQuery<Task, TaskRow> one(String id) { return TaskQuery.all().include(Task_.subtasks).one(id); }",
        "  @Procedure(kind = Procedure.Kind.QUERY)",
        "  public ListQuery<Task, Task> listed() { return TaskQuery.all(); }",
        "  @Procedure(kind = Procedure.Kind.QUERY)",
        "  public TypedQuery<Task, ?> open() { return TaskQuery.all(); }",
        "}");

    Compilation compilation = compile(List.of("-Alive.schema=com.example.AppSchema"), task, procedures);

    assertThat(compilation).succeededWithoutWarnings();
    StringSubject stub = assertThat(compilation).generatedSourceFile("com.example.api.BoardProceduresClient")
        .contentsAsUtf8String();
    stub.contains("public Subscribable<Task> plain(String parentId) {\n"
        + "    return this.subscriber.procedure(BoardProcedures_.plain, parentId, RowShape.plain());");
    stub.contains("public Subscribable<TaskRow> withSubtasks() {\n"
        + "    return this.subscriber.procedure(BoardProcedures_.withSubtasks, null, TaskRow::new);");
    stub.contains("public Subscribable<TaskRow> one(String id) {");
    stub.contains("public Subscribable<Task> listed() {");
    stub.doesNotContain(" open(");
    stub.contains("whose return type leaves the row type open (open)");
    stub.contains("public static <C extends ProcedureCaller & ProcedureSubscriber> BoardProceduresClient of(");
  }
}

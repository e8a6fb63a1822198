package dev.live.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.live.processor.Fixtures.compileExpectingErrors;
import static dev.live.processor.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Processing rounds: types that never resolve, annotated elements another processor makes after
 * Live has written the schema, and generated names a user type already takes.
 */
class RoundsTest {
  @Test
  void componentTypeThatNeverResolvesIsReportedNamingTheComponent() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    List<Missing> owners) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("cannot find symbol")
        .inFile(task).onLineContaining("List<Missing> owners");
    assertThat(compilation).hadErrorContaining("[UNRESOLVED_TYPE] type Missing of component 'owners' of Task"
            + " could not be resolved: check its spelling and imports, or that the annotation processor that"
            + " generates it runs")
        .inFile(task).onLineContaining("List<Missing> owners");
  }

  @Test
  void unresolvedTypeInsideANestedRecordIsReportedNamingTheNestedComponent() {
    JavaFileObject place = source("Place", "public record Place(Missing where) {}");
    JavaFileObject user = source("User",
        "@Collection(\"users\")",
        "public record User(@Id String id, Place home) {}");

    Compilation compilation = compileExpectingErrors(place, user);

    assertThat(compilation).hadErrorContaining("[UNRESOLVED_TYPE] type Missing of component 'where' of Place"
            + " could not be resolved")
        .inFile(place).onLineContaining("public record Place(Missing where)");
  }

  @Test
  void refToATypeThatNeverResolvesIsReportedInsteadOfCrashing() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(",
        "    @Id String id,",
        "    @Ref(Missing.class) String ownerId) {}");

    Compilation compilation = compileExpectingErrors(task);

    assertThat(compilation).hadErrorContaining("[UNRESOLVED_TYPE] the @Ref target of component 'ownerId' of"
            + " Task could not be resolved")
        .inFile(task).onLineContaining("String ownerId");
    assertThat(compilation.errors())
        .noneMatch(error -> error.getMessage(null).contains("[INTERNAL_ERROR]"));
  }

  @Test
  void collectionAnotherProcessorGeneratesAfterLiveRanIsRejectedAndNothingMoreIsWritten() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(@Id String id) {}");
    GeneratingProcessor generatesAudit = new GeneratingProcessor("com.example.Audit",
        "package com.example;",
        "import dev.live.annotations.Collection;",
        "import dev.live.annotations.Id;",
        "@Collection(\"audits\")",
        "public record Audit(@Id String id) {}");
    RecordingLiveProcessor live = new RecordingLiveProcessor();

    Compilation compilation = javac().withProcessors(generatesAudit, live).compile(task);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[LATE_ROUND] Audit appeared in a later processing round (made"
        + " by another annotation processor); Live reads @Collection, @Procedure, @LiveMessage and @LiveRoom in"
        + " the first round only");
    assertThat(compilation).hadErrorCount(1);
    Diagnostic<? extends JavaFileObject> error = compilation.errors().get(0);
    assertThat(error.getSource().toUri().getPath()).endsWith("/com/example/Audit.java");
    assertThat(error.getLineNumber()).isEqualTo(5);
    assertThat(live.created()).as("files written before and after the late collection").containsExactly(
        "com.example.Task_", "com.example.TaskQuery", "com.example.TaskRow", "com.example.TaskInsert",
        "com.example.TaskUpdate", "com.example.TaskJson", "com.example.TaskJdbc", "com.example.AppSchema",
        "com.example/AppSchema.d.ts");
  }

  /** Names are checked before anything is written: see {@code GeneratedCodeEdgeCasesTest}. */
  @Test
  void generatedNameTakenByAUserTypeIsReportedOnThatType() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "public record Task(@Id String id) {}");
    JavaFileObject taskQuery = source("TaskQuery", "public class TaskQuery {}");

    Compilation compilation = javac().withProcessors(new LiveProcessor()).compile(task, taskQuery);

    assertThat(compilation).hadErrorContaining("[GENERATED_NAME_TAKEN] cannot generate com.example.TaskQuery:"
            + " Live generates it for Task, and this compilation already has a type of that name; rename one of them")
        .inFile(taskQuery).onLineContaining("public class TaskQuery");
  }
}

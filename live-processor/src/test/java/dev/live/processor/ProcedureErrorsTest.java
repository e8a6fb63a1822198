package dev.live.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.live.processor.Fixtures.compileExpectingErrors;
import static dev.live.processor.Fixtures.source;
import static dev.live.processor.Fixtures.sourceIn;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Errors about {@code @Procedure} methods: their signature, their class and their name. A
 * problem with one parameter is reported on that parameter, anything else on the method.
 *
 * <p>Every test compiles through {@link Fixtures#compileExpectingErrors}, which also checks that
 * the processor wrote nothing on the error round.
 */
class ProcedureErrorsTest {
  @Test
  void secondValueParameterIsRejectedOnThatParameter() {
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure",
        "  public void rename(",
        "      String taskId,",
        "      String title) {}",
        "}");

    Compilation compilation = compileExpectingErrors(procedures);

    assertThat(compilation).hadErrorContaining("[PROCEDURE_TOO_MANY_VALUES] @Procedure method"
            + " Procedures.rename takes 2 value parameters (taskId, title); a procedure takes at most one, plus"
            + " optionally a ProcedureContext; put several values in a record")
        .inFile(procedures).onLineContaining("String title");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void secondContextParameterIsRejectedOnThatParameter() {
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure",
        "  public void archive(",
        "      ProcedureContext context,",
        "      String boardId,",
        "      ProcedureContext again) {}",
        "}");

    Compilation compilation = compileExpectingErrors(procedures);

    assertThat(compilation).hadErrorContaining("[PROCEDURE_TWO_CONTEXTS] @Procedure method Procedures.archive"
            + " takes ProcedureContext twice; declare it once")
        .inFile(procedures).onLineContaining("ProcedureContext again");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void parameterOfUnsupportedTypeIsRejectedOnThatParameter() {
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure",
        "  public void tag(",
        "      Set<String> labels) {}",
        "}");

    Compilation compilation = compileExpectingErrors(procedures);

    assertThat(compilation).hadErrorContaining("[PROCEDURE_UNSUPPORTED_PARAMETER] parameter 'labels' of"
            + " @Procedure method Procedures.tag has type java.util.Set<java.lang.String>, which cannot be sent;"
            + " supported: String, boolean, int, long, double (and Boolean, Integer, Long, Double), BigDecimal,"
            + " Instant, LocalDate, UUID, enums, records of these, and List of these")
        .inFile(procedures).onLineContaining("Set<String> labels");
  }

  @Test
  void nullablePrimitiveParameterIsRejectedOnThatParameter() {
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure",
        "  public void resize(",
        "      @Nullable int size) {}",
        "}");

    Compilation compilation = compileExpectingErrors(procedures);

    assertThat(compilation).hadErrorContaining("[NULLABLE_PRIMITIVE] parameter 'size' of @Procedure method"
            + " Procedures.resize is @Nullable but has primitive type int, which cannot be null; use Integer")
        .inFile(procedures).onLineContaining("@Nullable int size");
  }

  @Test
  void unsupportedReturnTypeIsRejectedOnTheMethod() {
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure(kind = Procedure.Kind.QUERY)",
        "  public Map<String, String> settings() {",
        "    return Map.of();",
        "  }",
        "}");

    Compilation compilation = compileExpectingErrors(procedures);

    assertThat(compilation).hadErrorContaining("[PROCEDURE_UNSUPPORTED_RETURN] @Procedure method"
            + " Procedures.settings returns java.util.Map<java.lang.String, java.lang.String>, which cannot be"
            + " sent; supported: void, String, boolean")
        .inFile(procedures).onLineContaining("settings()");
  }

  @Test
  void privateProcedureIsRejectedOnTheMethod() {
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure",
        "  private void reset() {}",
        "}");

    Compilation compilation = compileExpectingErrors(procedures);

    assertThat(compilation).hadErrorContaining("[PROCEDURE_NOT_PUBLIC] @Procedure method Procedures.reset must"
            + " be public: the generated dispatcher calls it")
        .inFile(procedures).onLineContaining("void reset()");
  }

  @Test
  void packagePrivateProcedureIsRejectedOnTheMethod() {
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure",
        "  void reset() {}",
        "}");

    Compilation compilation = compileExpectingErrors(procedures);

    assertThat(compilation).hadErrorContaining("[PROCEDURE_NOT_PUBLIC] @Procedure method Procedures.reset")
        .inFile(procedures).onLineContaining("void reset()");
  }

  @Test
  void staticProcedureIsRejectedOnTheMethod() {
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure",
        "  public static void reset() {}",
        "}");

    Compilation compilation = compileExpectingErrors(procedures);

    assertThat(compilation).hadErrorContaining("[PROCEDURE_STATIC] @Procedure method Procedures.reset must not"
            + " be static")
        .inFile(procedures).onLineContaining("void reset()");
  }

  @Test
  void genericProcedureIsRejectedOnTheMethod() {
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure",
        "  public <T> void reset() {}",
        "}");

    Compilation compilation = compileExpectingErrors(procedures);

    assertThat(compilation).hadErrorContaining("[PROCEDURE_GENERIC] @Procedure method Procedures.reset must not"
            + " be generic")
        .inFile(procedures).onLineContaining("void reset()");
  }

  @Test
  void procedureInPackagePrivateClassIsRejectedOnTheClass() {
    JavaFileObject procedures = source("Procedures",
        "class Procedures {",
        "  @Procedure",
        "  public void reset() {}",
        "}");

    Compilation compilation = compileExpectingErrors(procedures);

    assertThat(compilation).hadErrorContaining("[PROCEDURE_CLASS_NOT_ACCESSIBLE] class Procedures declares"
            + " @Procedure methods, so it must be public and top-level or static")
        .inFile(procedures).onLineContaining("class Procedures {");
  }

  @Test
  void procedureInInnerClassIsRejectedOnTheClass() {
    JavaFileObject outer = source("Outer",
        "public class Outer {",
        "  public class Procedures {",
        "    @Procedure",
        "    public void reset() {}",
        "  }",
        "}");

    Compilation compilation = compileExpectingErrors(outer);

    assertThat(compilation).hadErrorContaining("[PROCEDURE_CLASS_NOT_ACCESSIBLE] class Procedures declares"
            + " @Procedure methods")
        .inFile(outer).onLineContaining("public class Procedures {");
  }

  @Test
  void twoProceduresWithOneNameInTwoClassesAreRejectedOnTheSecond() {
    JavaFileObject boards = source("BoardProcedures",
        "public class BoardProcedures {",
        "  @Procedure",
        "  public void archive(String id) {}",
        "}");
    JavaFileObject tasks = source("TaskProcedures",
        "public class TaskProcedures {",
        "  @Procedure",
        "  public void archive(String id) {}",
        "}");

    Compilation compilation = compileExpectingErrors(boards, tasks);

    assertThat(compilation).hadErrorContaining("[PROCEDURE_NAME_DUPLICATE] procedure name 'archive' is also"
            + " used by BoardProcedures.archive; procedure names are unique within an application; rename one"
            + " with @Procedure(name = ...)")
        .inFile(tasks).onLineContaining("void archive(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void procedureNamedLikeAnotherViaNameIsRejected() {
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure",
        "  public void archive(String id) {}",
        "  @Procedure(name = \"archive\")",
        "  public void archiveAll() {}",
        "}");

    Compilation compilation = compileExpectingErrors(procedures);

    assertThat(compilation).hadErrorContaining("[PROCEDURE_NAME_DUPLICATE] procedure name 'archive' is also"
            + " used by Procedures.archive")
        .inFile(procedures).onLineContaining("void archiveAll()");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1archive", "archive-all", "ALL", "class", "_archive"})
  void invalidProcedureNameIsRejectedOnTheAnnotation(String name) {
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure(name = \"" + name + "\")",
        "  public void archive() {}",
        "}");

    Compilation compilation = compileExpectingErrors(procedures);

    assertThat(compilation).hadErrorContaining("[PROCEDURE_NAME_INVALID] procedure name \"" + name
            + "\" is not allowed: use a Java identifier that starts with a letter and is not a keyword or 'ALL'")
        .inFile(procedures).onLineContaining("@Procedure(name = ");
  }

  @Test
  void procedureNamedLikeAMethodOfObjectIsRejectedOnTheMethod() {
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure(kind = Procedure.Kind.QUERY)",
        "  public String toString() {",
        "    return \"procedures\";",
        "  }",
        "}");

    Compilation compilation = compileExpectingErrors(procedures);

    assertThat(compilation).hadErrorContaining("[PROCEDURE_NAME_RESERVED] procedure name 'toString' is"
            + " reserved: the generated client has a method of that name; choose another with"
            + " @Procedure(name = ...)")
        .inFile(procedures).onLineContaining("String toString()");
  }

  @Test
  void procedureRenamedLikeAMethodOfObjectIsRejectedOnTheMethod() {
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure(name = \"wait\")",
        "  public void pause(long millis) {}",
        "}");

    Compilation compilation = compileExpectingErrors(procedures);

    assertThat(compilation).hadErrorContaining("[PROCEDURE_NAME_RESERVED] procedure name 'wait'")
        .inFile(procedures).onLineContaining("void pause(");
  }

  @Test
  void liveQueryProcedureOfKindMutationIsRejectedOnTheAnnotation() {
    JavaFileObject task = source("Task", "@Collection(\"tasks\")", "public record Task(@Id String id, String boardId) {}");
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure",
        "  public dev.live.query.ListQuery<Task, Task> ofBoard(String boardId) {",
        "    return TaskQuery.where(Task_.boardId.eq(boardId));",
        "  }",
        "}");

    Compilation compilation = compileExpectingErrors(task, procedures);

    assertThat(compilation).hadErrorContaining("[LIVE_QUERY_PROCEDURE_KIND] @Procedure method Procedures.ofBoard"
            + " returns a query, which makes it a live query procedure: declare it with kind = Procedure.Kind.QUERY")
        .inFile(procedures).onLineContaining("@Procedure");
  }

  @Test
  void queryOverARecordThatIsNotACollectionIsRejectedOnTheMethod() {
    JavaFileObject task = source("Task", "@Collection(\"tasks\")", "public record Task(@Id String id) {}");
    JavaFileObject note = source("Note", "public record Note(String text) {}");
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure(kind = Procedure.Kind.QUERY)",
        "  public dev.live.query.ListQuery<Note, Note> notes() {",
        "    throw new UnsupportedOperationException();",
        "  }",
        "}");

    Compilation compilation = compileExpectingErrors(task, note, procedures);

    assertThat(compilation).hadErrorContaining("[LIVE_QUERY_NOT_A_COLLECTION] @Procedure method Procedures.notes"
            + " returns a query over com.example.Note, which is not a @Collection record of this compilation")
        .inFile(procedures).onLineContaining("notes()");
  }

  @Test
  void nullableLiveQueryIsRejectedOnTheMethod() {
    JavaFileObject task = source("Task", "@Collection(\"tasks\")", "public record Task(@Id String id) {}");
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure(kind = Procedure.Kind.QUERY)",
        "  public dev.live.query.@Nullable SingleQuery<Task, Task> one(String id) {",
        "    return TaskQuery.all().one(id);",
        "  }",
        "}");

    Compilation compilation = compileExpectingErrors(task, procedures);

    assertThat(compilation).hadErrorContaining("[LIVE_QUERY_NULLABLE] @Procedure method Procedures.one returns a"
            + " live query, which is never null: remove @Nullable")
        .inFile(procedures).onLineContaining("one(String id)");
  }

  /**
   * The recording processor wraps javac's environment, as some build tools do, which hides the
   * source trees that name a generated query type in the round it is generated.
   */
  @Test
  void generatedQueryReturnedWhereSourceTreesAreHiddenIsReportedWithTheWayOut() {
    JavaFileObject task = source("Task", "@Collection(\"tasks\")", "public record Task(@Id String id, String boardId) {}");
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure(kind = Procedure.Kind.QUERY)",
        "  public TaskQuery<Task> ofBoard(String boardId) {",
        "    return TaskQuery.where(Task_.boardId.eq(boardId));",
        "  }",
        "}");

    Compilation compilation = compileExpectingErrors(task, procedures);

    assertThat(compilation).hadErrorContaining("[UNRESOLVED_TYPE] the return type of @Procedure method"
            + " Procedures.ofBoard (this build hides the source trees that name it; a live query procedure can"
            + " return ListQuery<Task, Task> or SingleQuery<Task, Task> instead of the generated TaskQuery<Task>)"
            + " could not be resolved")
        .inFile(procedures).onLineContaining("ofBoard(");
  }

  /** Through javac's own environment, where the generated query's name is read from the source. */
  @Test
  void generatedQueryReturnedByAMutationProcedureIsRejectedOnTheAnnotation() {
    JavaFileObject task = source("Task", "@Collection(\"tasks\")", "public record Task(@Id String id, String boardId) {}");
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure",
        "  public TaskQuery<Task> ofBoard(String boardId) {",
        "    return TaskQuery.where(Task_.boardId.eq(boardId));",
        "  }",
        "}");

    Compilation compilation = Fixtures.compile(task, procedures);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[LIVE_QUERY_PROCEDURE_KIND] @Procedure method Procedures.ofBoard")
        .inFile(procedures).onLineContaining("@Procedure");
  }

  @Test
  void generatedQueryNameSharedByTwoCollectionsIsResolvedByImportOrElseRejected() {
    JavaFileObject first = sourceIn("com.example.a.Task", "@Collection(\"a_tasks\")", "public record Task(@Id String id) {}");
    JavaFileObject second = sourceIn("com.example.b.Task", "@Collection(\"b_tasks\")", "public record Task(@Id String id) {}");
    JavaFileObject imported = sourceIn("com.example.c.Imported",
        "import com.example.b.TaskQuery;",
        "public class Imported {",
        "  @Procedure(kind = Procedure.Kind.QUERY)",
        "  public TaskQuery<com.example.b.Task> all() {",
        "    return TaskQuery.all();",
        "  }",
        "}");
    JavaFileObject ambiguous = sourceIn("com.example.c.Ambiguous",
        "public class Ambiguous {",
        "  @Procedure(kind = Procedure.Kind.QUERY)",
        "  public TaskQuery<com.example.a.Task> all() {",
        "    return com.example.a.TaskQuery.all();",
        "  }",
        "}");

    Compilation resolved = Fixtures.compile(List.of("-Alive.schema=com.example.AppSchema"), first, second, imported);
    assertThat(resolved).succeeded();
    assertThat(resolved).generatedSourceFile("com.example.c.Imported_")
        .contentsAsUtf8String().contains("ProcedureDescriptor<Void, TypedQuery<Task, ?>> all =");

    Compilation rejected = Fixtures.compile(List.of("-Alive.schema=com.example.AppSchema"), first, second, ambiguous);
    assertThat(rejected).failed();
    assertThat(rejected).hadErrorContaining("[LIVE_QUERY_AMBIGUOUS] @Procedure method Ambiguous.all returns TaskQuery,"
            + " which is the generated query of several collections (com.example.a.Task, com.example.b.Task); write"
            + " its qualified name")
        .inFile(ambiguous).onLineContaining("public TaskQuery<com.example.a.Task> all()");
  }

  @Test
  void roleOfAnotherShapeIsRejectedOnThatRole() {
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure(roles = {",
        "      \"ADMIN\",",
        "      \"team admin\"})",
        "  public void archive(String boardId) {}",
        "}");

    Compilation compilation = compileExpectingErrors(procedures);

    assertThat(compilation).hadErrorContaining("[PROCEDURE_ROLE_INVALID] role \"team admin\" of @Procedure method"
            + " Procedures.archive is not allowed: a role is a letter followed by letters, digits, '_', '-', '.' or"
            + " ':', at most 64 characters, such as ADMIN or billing:admin")
        .inFile(procedures).onLineContaining("\"team admin\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "1admin", "_admin", "admin!", "rôle",
      "a1234567890123456789012345678901234567890123456789012345678901234"})
  void blankMalformedOrOverlongRolesAreRejected(String role) {
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure(roles = \"" + role + "\")",
        "  public void archive(String boardId) {}",
        "}");

    Compilation compilation = compileExpectingErrors(procedures);

    assertThat(compilation).hadErrorContaining("[PROCEDURE_ROLE_INVALID] role \"" + role + "\" of @Procedure method"
            + " Procedures.archive is not allowed")
        .inFile(procedures).onLineContaining("@Procedure(roles");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void roleNamedTwiceIsRejectedOnTheSecond() {
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure(kind = Procedure.Kind.QUERY, roles = {",
        "      \"billing:admin\",",
        "      \"ADMIN\",",
        "      \"billing:admin\" /* again */})",
        "  public int count() {",
        "    return 0;",
        "  }",
        "}");

    Compilation compilation = compileExpectingErrors(procedures);

    assertThat(compilation).hadErrorContaining("[PROCEDURE_ROLE_DUPLICATE] role 'billing:admin' is named twice in"
            + " @Procedure method Procedures.count; name each role once")
        .inFile(procedures).onLineContaining("/* again */");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void everyBadRoleOfOneProcedureIsReported() {
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  @Procedure(roles = {\"ADMIN\", \"\", \"ADMIN\"})",
        "  public void archive(String boardId) {}",
        "}");

    Compilation compilation = compileExpectingErrors(procedures);

    assertThat(compilation).hadErrorContaining("[PROCEDURE_ROLE_INVALID] role \"\" of @Procedure method");
    assertThat(compilation).hadErrorContaining("[PROCEDURE_ROLE_DUPLICATE] role 'ADMIN' is named twice");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void rolesFromConstantsAreRead() {
    JavaFileObject procedures = source("Procedures",
        "public class Procedures {",
        "  public static final String ADMIN = \"ADMIN\";",
        "  @Procedure(roles = {ADMIN, \"team-lead\"})",
        "  public void archive(String boardId) {}",
        "}");

    Compilation compilation = Fixtures.compile(procedures);

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("com.example.Procedures_").contentsAsUtf8String()
        .contains(".withRoles(\"ADMIN\", \"team-lead\")");
  }
}

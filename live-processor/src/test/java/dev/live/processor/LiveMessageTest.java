package dev.live.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.live.processor.Fixtures.compile;
import static dev.live.processor.Fixtures.compileExpectingErrors;
import static dev.live.processor.Fixtures.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @LiveMessage}: a record or enum that is neither a collection nor a procedure's value
 * still gets its codec (for room events, state and presence), and a wrong declaration is
 * reported on the element.
 */
class LiveMessageTest {
  @Test
  void aMessageRecordGetsCodecsForItselfAndWhatItHolds() {
    JavaFileObject mood = source("Mood", "public enum Mood { CALM, BUSY }");
    JavaFileObject cursor = source("Cursor", "public record Cursor(int x, int y) {}");
    JavaFileObject viewer = source("Viewer",
        "@LiveMessage",
        "public record Viewer(String name, @Nullable Cursor cursor, Mood mood, java.util.List<String> tags) {}");

    Compilation compilation = compile(mood, cursor, viewer);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.example.ViewerJson");
    assertThat(compilation).generatedSourceFile("com.example.CursorJson");
    assertThat(compilation).generatedSourceFile("com.example.MoodJson");
    assertThat(compilation).generatedSourceFile("com.example.AppSchema");
  }

  @Test
  void aMessageOnAClassIsRejectedOnTheClass() {
    JavaFileObject typing = source("Typing", "@LiveMessage", "public class Typing {}");

    Compilation compilation = compileExpectingErrors(typing);

    assertThat(compilation).hadErrorContaining("[MESSAGE_NOT_A_RECORD] @LiveMessage applies to records and enums,"
            + " and Typing is a class; declare it as 'record Typing(...)'")
        .inFile(typing).onLineContaining("public class Typing");
  }

  @Test
  void aGenericMessageIsRejected() {
    JavaFileObject box = source("Box", "@LiveMessage", "public record Box<T>(T value) {}");

    Compilation compilation = compileExpectingErrors(box);

    assertThat(compilation).hadErrorContaining("[MESSAGE_GENERIC] @LiveMessage record Box must not be generic")
        .inFile(box).onLineContaining("public record Box");
  }

  @Test
  void aComponentOfAnUnsupportedTypeIsRejectedOnTheComponent() {
    JavaFileObject typing = source("Typing", "@LiveMessage",
        "public record Typing(String user, java.util.concurrent.atomic.AtomicLong count) {}");

    Compilation compilation = compileExpectingErrors(typing);

    assertThat(compilation).hadErrorContaining("AtomicLong").inFile(typing).onLineContaining("AtomicLong count");
  }
}

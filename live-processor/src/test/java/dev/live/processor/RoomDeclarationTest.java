package dev.live.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.live.processor.Fixtures.compile;
import static dev.live.processor.Fixtures.compileExpectingErrors;
import static dev.live.processor.Fixtures.declarations;
import static dev.live.processor.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import dev.live.json.LiveJson;
import dev.live.room.EventType;
import dev.live.room.RoomRule;
import dev.live.room.RoomType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * {@code @LiveRoom}: a room type declared at compile time gets {@code X_} (an {@code EventType} per
 * event, and the {@code RoomType}'s builder with its name, codecs and events), codecs for its
 * records, and its place in the TypeScript declarations; a wrong declaration is reported on it.
 */
class RoomDeclarationTest {
  private static final JavaFileObject RECORDS = source("Records",
      "public final class Records {",
      "  private Records() {}",
      "  public record BoardState(@Nullable String topic, List<String> pinned) {}",
      "  public record Viewer(String name, boolean typing) {}",
      "  public record Typing(String taskId, boolean typing) {}",
      "  public record Moved(String taskId, int position) {}",
      "}");
  private static final JavaFileObject BOARD_ROOM = source("BoardRoom",
      "@LiveRoom(name = \"board\", state = Records.BoardState.class, presence = Records.Viewer.class,",
      "    events = {@LiveRoom.Event(name = \"typing\", type = Records.Typing.class),",
      "              @LiveRoom.Event(name = \"task.moved\", type = Records.Moved.class)})",
      "public interface BoardRoom {}");

  @Test
  void theBuilderStartsTheRoomTypeWithItsNameCodecsAndEvents() throws Exception {
    Compilation compilation = compile(RECORDS, BOARD_ROOM);
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader classes = new CompiledClasses(compilation);

    Class<?> state = classes.loadClass("com.example.Records$BoardState");
    Object initial = state.getConstructors()[0].newInstance(null, java.util.List.of());
    Method builder = classes.loadClass("com.example.BoardRoom_").getMethod("builder", state);
    RoomType<?, ?> board = ((RoomType.Builder<?, ?>) builder.invoke(null, initial)).allow(RoomRule.anyone()).build();

    assertThat(board.name()).isEqualTo("board");
    assertThat(board.room("b1")).isEqualTo("board:b1");
    assertThat(board.events()).extracting(EventType::name).containsExactlyInAnyOrder("typing", "task.moved");
    assertThat(encode(board.stateCodec(), board.initialState())).isEqualTo("{\"topic\":null,\"pinned\":[]}");
    Object viewer = LiveJson.decode(board.presenceCodec(), "{\"name\":\"Ann\",\"typing\":true}");
    assertThat(viewer).hasToString("Viewer[name=Ann, typing=true]");
    Object moved = LiveJson.decode(board.event("task.moved").orElseThrow().codec(), "{\"taskId\":\"t1\",\"position\":2}");
    assertThat(moved).hasToString("Moved[taskId=t1, position=2]");

    Object constant = classes.loadClass("com.example.BoardRoom_").getField("TASK_MOVED").get(null);
    assertThat(constant).isSameAs(board.event("task.moved").orElseThrow());
  }

  @Test
  void theRoomsRecordsGetCodecsWithoutLiveMessage() {
    Compilation compilation = compile(RECORDS, BOARD_ROOM);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.example.BoardRoom_");
    for (String record : new String[] {"BoardState", "Viewer", "Typing", "Moved"}) {
      assertThat(compilation).generatedSourceFile("com.example.Records_" + record + "Json");
    }
  }

  @Test
  void theDeclarationsTypeTheRoomByItsRecordsAndQuoteNamesThatAreNoIdentifiers() {
    JavaFileObject lobby = source("Lobby",
        "@LiveRoom(name = \"game-lobby\", state = Records.BoardState.class, presence = Records.Viewer.class)",
        "public final class Lobby {}");

    Compilation compilation = compile(RECORDS, BOARD_ROOM, lobby);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(declarations(compilation, "com.example", "AppSchema.d.ts")).contains(String.join("\n",
        "  rooms: {",
        "    board: { state: Records_BoardState; presence: Records_Viewer; events: { typing: Records_Typing;"
            + " \"task.moved\": Records_Moved } };",
        "    \"game-lobby\": { state: Records_BoardState; presence: Records_Viewer; events: {} };",
        "  };",
        "}"));
  }

  @Test
  void aSchemaWithoutRoomsDeclaresNone() {
    JavaFileObject task = source("Task", "@Collection(\"tasks\")", "public record Task(@Id String id) {}");

    Compilation compilation = compile(task);

    assertThat(declarations(compilation, "com.example", "AppSchema.d.ts")).contains("  rooms: {\n  };\n}");
  }

  @Test
  void aRecordAnotherProcessorGeneratesIsReadInTheNextRound() {
    JavaFileObject room = source("ChatRoom",
        "@LiveRoom(name = \"chat\", state = Topic.class, presence = Member.class)",
        "public interface ChatRoom {}",
        "record Member(String name) {}");
    GeneratingProcessor generatesTopic = new GeneratingProcessor("com.example.Topic",
        "package com.example;",
        "public record Topic(String text) {}");

    Compilation compilation = javac().withProcessors(generatesTopic, new LiveProcessor()).compile(room);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.example.ChatRoom_");
    assertThat(compilation).generatedSourceFile("com.example.TopicJson");
  }

  @Test
  void aRoomNameTheServerWouldRefuseIsRejected() {
    JavaFileObject room = source("BadRoom",
        "@LiveRoom(name = \"board:main\", state = Records.BoardState.class, presence = Records.Viewer.class)",
        "public interface BadRoom {}");

    Compilation compilation = compileExpectingErrors(RECORDS, room);

    assertThat(compilation).hadErrorContaining("[ROOM_NAME_INVALID] room type name \"board:main\" is not allowed:"
            + " use a letter followed by up to 31 letters, digits, _ and -")
        .inFile(room).onLineContaining("@LiveRoom");
  }

  @Test
  void twoRoomTypesOfOneNameAreRejected() {
    JavaFileObject other = source("OtherBoardRoom",
        "@LiveRoom(name = \"board\", state = Records.BoardState.class, presence = Records.Viewer.class)",
        "public interface OtherBoardRoom {}");

    Compilation compilation = compileExpectingErrors(RECORDS, BOARD_ROOM, other);

    assertThat(compilation).hadErrorContaining("[ROOM_NAME_DUPLICATE] room type name \"board\" is also declared by"
            + " com.example.BoardRoom").inFile(other).onLineContaining("public interface OtherBoardRoom");
  }

  @Test
  void badEventNamesAreRejected() {
    JavaFileObject room = source("EventsRoom",
        "@LiveRoom(name = \"events\", state = Records.BoardState.class, presence = Records.Viewer.class,",
        "    events = {@LiveRoom.Event(name = \"1st\", type = Records.Typing.class),",
        "              @LiveRoom.Event(name = \"typing\", type = Records.Typing.class),",
        "              @LiveRoom.Event(name = \"typing\", type = Records.Moved.class),",
        "              @LiveRoom.Event(name = \"task-moved\", type = Records.Moved.class),",
        "              @LiveRoom.Event(name = \"task.moved\", type = Records.Moved.class)})",
        "public interface EventsRoom {}");

    Compilation compilation = compileExpectingErrors(RECORDS, room);

    assertThat(compilation).hadErrorContaining("[ROOM_EVENT_NAME_INVALID] event name \"1st\" of room type 'events'"
        + " is not allowed").inFile(room).onLineContaining("@LiveRoom(name");
    assertThat(compilation).hadErrorContaining("[ROOM_EVENT_DUPLICATE] room type 'events' declares event \"typing\""
        + " twice");
    assertThat(compilation).hadErrorContaining("[ROOM_EVENT_CONSTANT_CLASH] events \"task-moved\" and \"task.moved\""
        + " of room type 'events' would both be the Java constant TASK_MOVED; rename one");
  }

  @Test
  void aStateThatIsNoRecordOfItsOwnIsRejected() {
    JavaFileObject room = source("RawRoom",
        "@LiveRoom(name = \"raw\", state = Record.class, presence = Box.class)",
        "public interface RawRoom {}",
        "record Box<T>(T value) {}");

    Compilation compilation = compileExpectingErrors(room);

    assertThat(compilation).hadErrorContaining("[ROOM_RECORD_INVALID] the state of room type 'raw' is Record;"
        + " it must be a record that is not generic").inFile(room).onLineContaining("@LiveRoom");
    assertThat(compilation).hadErrorContaining("[ROOM_RECORD_INVALID] the presence of room type 'raw' is Box");
  }

  @Test
  void aRecordLiveCannotSendIsRejectedOnItsComponent() {
    JavaFileObject room = source("ClockRoom",
        "@LiveRoom(name = \"clock\", state = Clock.class, presence = Records.Viewer.class)",
        "public interface ClockRoom {}",
        "record Clock(java.util.concurrent.atomic.AtomicLong ticks) {}");

    Compilation compilation = compileExpectingErrors(RECORDS, room);

    assertThat(compilation).hadErrorContaining("AtomicLong").inFile(room).onLineContaining("AtomicLong ticks");
  }

  @Test
  void aRoomOnACollectionOrAProcedureClassIsRejected() {
    JavaFileObject task = source("Task",
        "@Collection(\"tasks\")",
        "@LiveRoom(name = \"task\", state = Records.BoardState.class, presence = Records.Viewer.class)",
        "public record Task(@Id String id) {}");
    JavaFileObject procedures = source("TaskProcedures",
        "@LiveRoom(name = \"work\", state = Records.BoardState.class, presence = Records.Viewer.class)",
        "public class TaskProcedures {",
        "  @Procedure public void start(String id) {}",
        "}");

    Compilation compilation = compileExpectingErrors(RECORDS, task, procedures);

    assertThat(compilation).hadErrorContaining("[ROOM_OWNER_TAKEN] @LiveRoom on Task, which is a @Collection record:"
        + " the room's generated Task_ would take the name Live gives that type's own").inFile(task)
        .onLineContaining("public record Task");
    assertThat(compilation).hadErrorContaining("[ROOM_OWNER_TAKEN] @LiveRoom on TaskProcedures, which is a class"
        + " with @Procedure methods").inFile(procedures).onLineContaining("public class TaskProcedures");
  }

  private static String encode(dev.live.json.JsonCodec<?> codec, Object value) {
    @SuppressWarnings("unchecked")
    dev.live.json.JsonCodec<Object> any = (dev.live.json.JsonCodec<Object>) codec;
    return LiveJson.encode(any, value);
  }

  /** Loads the classes a compilation wrote, over the test's own (where the runtime is). */
  private static final class CompiledClasses extends ClassLoader {
    private final Compilation compilation;

    CompiledClasses(Compilation compilation) {
      super(RoomDeclarationTest.class.getClassLoader());
      this.compilation = compilation;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      int dot = name.lastIndexOf('.');
      JavaFileObject file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, name.substring(0, dot),
              name.substring(dot + 1) + ".class")
          .orElseThrow(() -> new ClassNotFoundException(name));
      try (InputStream in = file.openInputStream()) {
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}

package dev.live.examples.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.json.DecodeException;
import dev.live.json.LiveJson;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecTest {
  @Test
  void taskRoundTripsWithEveryFieldTypeAndUnicode() {
    Task task = Samples.task();
    assertThat(LiveJson.decode(TaskJson.CODEC, LiveJson.encode(TaskJson.CODEC, task))).isEqualTo(task);
    assertThat(LiveJson.decode(TaskJson.CODEC, LiveJson.encodeBytes(TaskJson.CODEC, task))).isEqualTo(task);
  }

  @Test
  void recordIsWrittenWithEveryFieldInComponentOrderAndNullsExplicit() {
    assertThat(LiveJson.encode(TaskJson.CODEC, Samples.bareTask())).isEqualTo(
        "{\"id\":\"t2\",\"boardId\":\"b1\",\"title\":\"Bare\",\"status\":\"TODO\",\"assigneeId\":null,"
            + "\"due\":null,\"position\":0,\"estimate\":0.0,\"revision\":0,\"labels\":[],\"checklist\":null}");
  }

  @Test
  void decimalsTravelAsStringsAndDatesAsIso() {
    String json = LiveJson.encode(BoardJson.CODEC, Samples.board());
    assertThat(json).contains("\"budget\":\"1234.50\"", "\"deadline\":\"2026-12-24\"",
        "\"createdAt\":\"2026-11-22T09:30:00Z\"");
    assertThat(LiveJson.decode(BoardJson.CODEC, json)).isEqualTo(Samples.board());
  }

  @Test
  void decimalIsAlsoAcceptedAsAJsonNumberKeepingItsScale() {
    Board board = LiveJson.decode(BoardJson.CODEC, LiveJson.encode(BoardJson.CODEC, Samples.board())
        .replace("\"1234.50\"", "1234.50"));
    assertThat(board.budget()).isEqualTo(new BigDecimal("1234.50"));
  }

  @Test
  void uuidIdRoundTrips() {
    Comment comment = Samples.comment();
    assertThat(LiveJson.decode(CommentJson.CODEC, LiveJson.encode(CommentJson.CODEC, comment))).isEqualTo(comment);
  }

  @Test
  void nonFiniteDoublesRoundTripAsStrings() {
    for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0}) {
      Task task = withEstimate(value);
      Task back = LiveJson.decode(TaskJson.CODEC, LiveJson.encode(TaskJson.CODEC, task));
      assertThat(Double.compare(back.estimate(), value)).isZero();
    }
  }

  @Test
  void nullableFieldsMayBeLeftOutButRequiredOnesMayNot() {
    Task back = LiveJson.decode(TaskJson.CODEC, "{\"id\":\"t2\",\"boardId\":\"b1\",\"title\":\"Bare\","
        + "\"status\":\"TODO\",\"position\":0,\"estimate\":0,\"revision\":0,\"labels\":[]}");
    assertThat(back).isEqualTo(Samples.bareTask());
  }

  @Test
  void missingRequiredFieldsAreAllNamedAtOnce() {
    assertThatThrownBy(() -> LiveJson.decode(TaskJson.CODEC, "{\"id\":\"t1\",\n\"labels\":[]}"))
        .isInstanceOfSatisfying(DecodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD);
          assertThat(e.problem())
              .isEqualTo("missing required fields: boardId, title, status, position, estimate, revision");
          assertThat(e.line()).isEqualTo(2);
        });
  }

  @Test
  void unknownFieldIsRefusedWithItsNameAndPosition() {
    assertThatThrownBy(() -> LiveJson.decode(TaskJson.CODEC, "{\"id\":\"t1\",\"colour\":\"red\"}"))
        .isInstanceOfSatisfying(DecodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FIELD);
          assertThat(e.path()).isEqualTo("colour");
          assertThat(e.line()).isEqualTo(1);
          assertThat(e.column()).isEqualTo(21); // the unknown field's value
          assertThat(e.getMessage()).startsWith("colour: unknown field; expected one of: id, boardId, title");
        });
  }

  @Test
  void duplicateFieldIsRefused() {
    assertThatThrownBy(() -> LiveJson.decode(TaskJson.CODEC, "{\"id\":\"t1\",\"id\":\"t2\"}"))
        .isInstanceOfSatisfying(DecodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_FIELD);
          assertThat(e.path()).isEqualTo("id");
        });
  }

  @Test
  void wrongTypeNamesTheFieldWhatWasExpectedAndWhatWasFound() {
    assertDecodeError(TaskJson.CODEC, replace("\"position\":3", "\"position\":\"3\""), ErrorCode.WRONG_TYPE,
        "position", "expected an integer but found a string");
    assertDecodeError(TaskJson.CODEC, replace("\"position\":3", "\"position\":3.5"), ErrorCode.WRONG_TYPE,
        "position", "expected an integer but found the decimal number 3.5");
    assertDecodeError(TaskJson.CODEC, replace("\"labels\":[\"urgent\",\"backend\"]", "\"labels\":\"urgent\""),
        ErrorCode.WRONG_TYPE, "labels", "expected an array but found a string");
  }

  @Test
  void nullInARequiredFieldIsRefused() {
    assertDecodeError(TaskJson.CODEC, replace("\"title\":\"Ship", "\"title\":null,\"x\":\"Ship"),
        ErrorCode.NULL_NOT_ALLOWED, "title", "must not be null");
  }

  @Test
  void valuesOfTheRightJsonTypeButInvalidAreRefused() {
    assertDecodeError(TaskJson.CODEC, replace("\"status\":\"DOING\"", "\"status\":\"doing\""),
        ErrorCode.INVALID_VALUE, "status", "\"doing\" is not a Status; expected one of: TODO, DOING, DONE");
    assertDecodeError(TaskJson.CODEC, replace("\"position\":3", "\"position\":3000000000"),
        ErrorCode.INVALID_VALUE, "position", "out of range for int");
    assertDecodeError(TaskJson.CODEC, replace("\"due\":\"2026-12-01T17:00:00.123456789Z\"", "\"due\":\"tomorrow\""),
        ErrorCode.INVALID_VALUE, "due", "is not an ISO-8601 instant");
    String comment = LiveJson.encode(CommentJson.CODEC, Samples.comment());
    assertDecodeError(CommentJson.CODEC, comment.replace("123e4567-e89b-12d3-a456-426614174000", "1-2-3-4-5"),
        ErrorCode.INVALID_VALUE, "id", "is not a UUID");
    String board = LiveJson.encode(BoardJson.CODEC, Samples.board());
    assertDecodeError(BoardJson.CODEC, board.replace("\"1234.50\"", "\"12e99999\""), ErrorCode.INVALID_VALUE,
        "budget", "decimal is out of range");
  }

  @Test
  void errorsInNestedRecordsAndListsCarryTheFullPath() {
    String json = replace("{\"text\":\"deploy\",\"done\":false}", "{\"text\":\"deploy\",\"done\":\"no\"}");
    assertDecodeError(TaskJson.CODEC, json, ErrorCode.WRONG_TYPE, "checklist.items[1].done",
        "expected true or false but found a string");
    assertDecodeError(TaskJson.CODEC, replace("\"backend\"", "null"), ErrorCode.NULL_NOT_ALLOWED, "labels[1]",
        "must not be null");
  }

  @Test
  void malformedJsonAndTrailingContentAreTypedErrors() {
    assertThatThrownBy(() -> LiveJson.decode(TaskJson.CODEC, "{\"id\":"))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON));
    assertThatThrownBy(() -> LiveJson.decode(TaskJson.CODEC, LiveJson.encode(TaskJson.CODEC, Samples.task()) + " {}"))
        .isInstanceOfSatisfying(DecodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
          assertThat(e.problem()).isEqualTo("unexpected content after the value");
        });
    assertThatThrownBy(() -> LiveJson.decode(TaskJson.CODEC, ""))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON));
    assertThatThrownBy(() -> LiveJson.decode(TaskJson.CODEC, "[1]"))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_TYPE));
  }

  @Test
  void encodingARecordWithNullInARequiredComponentIsRefused() {
    Task broken = new Task("t1", "b1", null, Status.TODO, null, null, 0, 0, 0, List.of(), null);
    assertThatThrownBy(() -> LiveJson.encode(TaskJson.CODEC, broken))
        .isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NULL_NOT_ALLOWED);
          assertThat(e.getMessage()).isEqualTo("Task.title is null, but it is required");
        });
  }

  @Test
  void encodingAListWithANullElementIsRefused() {
    Task broken = new Task("t1", "b1", "x", Status.TODO, null, null, 0, 0, 0, java.util.Arrays.asList("a", null), null);
    assertThatThrownBy(() -> LiveJson.encode(TaskJson.CODEC, broken))
        .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NULL_NOT_ALLOWED));
  }

  @Test
  void enumCodecResolvesNamesWithoutReflection() {
    assertThat(StatusJson.fromName("DONE")).isEqualTo(Status.DONE);
    assertThat(StatusJson.fromName("done")).isNull();
    assertThat(StatusJson.NAMES).isEqualTo("TODO, DOING, DONE");
  }

  private static Task withEstimate(double estimate) {
    Task t = Samples.task();
    return new Task(t.id(), t.boardId(), t.title(), t.status(), t.assigneeId(), t.due(), t.position(), estimate,
        t.revision(), t.labels(), t.checklist());
  }

  private static String replace(String from, String to) {
    String json = LiveJson.encode(TaskJson.CODEC, Samples.task());
    assertThat(json).contains(from);
    return json.replace(from, to);
  }

  private static void assertDecodeError(dev.live.json.JsonCodec<?> codec, String json, ErrorCode code, String path,
      String problem) {
    assertThatThrownBy(() -> LiveJson.decode(codec, json))
        .isInstanceOfSatisfying(DecodeException.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.path()).isEqualTo(path);
          assertThat(e.problem()).contains(problem);
          assertThat(e.line()).isPositive();
        });
  }
}

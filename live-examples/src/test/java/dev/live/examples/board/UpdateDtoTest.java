package dev.live.examples.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.json.DecodeException;
import dev.live.json.LiveJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateDtoTest {
  @Test
  void emptyUpdateChangesNothing() {
    TaskUpdate update = TaskUpdate.of();
    assertThat(update.isEmpty()).isTrue();
    assertThat(update.changedFields()).isEmpty();
    assertThat(update.applyTo(Samples.task())).isEqualTo(Samples.task());
    assertThat(LiveJson.encode(TaskJson.UPDATE, update)).isEqualTo("{}");
  }

  @Test
  void settersReturnNewUpdatesAndLeaveTheOriginalAlone() {
    TaskUpdate first = TaskUpdate.of().title("A");
    TaskUpdate second = first.position(4);
    assertThat(first.isSet(Task_.position)).isFalse();
    assertThat(second.isSet(Task_.title)).isTrue();
    assertThat(second.changedFields()).containsExactly(Task_.title, Task_.position);
  }

  @Test
  void settingANullableFieldToNullDiffersFromLeavingItAlone() {
    TaskUpdate cleared = TaskUpdate.of().assigneeId(null);
    assertThat(cleared.isSet(Task_.assigneeId)).isTrue();
    assertThat(cleared.get(Task_.assigneeId)).isNull();
    assertThat(cleared).isNotEqualTo(TaskUpdate.of());
    assertThat(cleared.applyTo(Samples.task()).assigneeId()).isNull();
    assertThat(TaskUpdate.of().applyTo(Samples.task()).assigneeId()).isEqualTo("u1");
    assertThat(LiveJson.encode(TaskJson.UPDATE, cleared)).isEqualTo("{\"assigneeId\":null}");
  }

  @Test
  void requiredFieldCannotBeSetToNull() {
    assertThatThrownBy(() -> TaskUpdate.of().title(null))
        .isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NULL_NOT_ALLOWED);
          assertThat(e.getMessage()).isEqualTo("TaskUpdate.title: must not be null; title is required");
        });
  }

  @Test
  void applyToKeepsTheIdAndUnsetFields() {
    Task after = TaskUpdate.of().status(Status.DONE).labels(List.of("x")).applyTo(Samples.task());
    assertThat(after.id()).isEqualTo("t1");
    assertThat(after.status()).isEqualTo(Status.DONE);
    assertThat(after.labels()).containsExactly("x");
    assertThat(after.title()).isEqualTo(Samples.task().title());
  }

  @Test
  void getOfAnUnsetFieldIsAnError() {
    assertThatThrownBy(() -> TaskUpdate.of().get(Task_.title))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("title is not set in this update");
  }

  @Test
  void updatesWithTheSameChangesAreEqual() {
    assertThat(TaskUpdate.of().title("A").position(1)).isEqualTo(TaskUpdate.of().position(1).title("A"))
        .hasSameHashCodeAs(TaskUpdate.of().position(1).title("A"));
    assertThat(TaskUpdate.of().title("A").toString()).isEqualTo("TaskUpdate{title=A}");
  }

  @Test
  void decodingAnUpdateOfTheIdIsRefused() {
    assertThatThrownBy(() -> LiveJson.decode(TaskJson.UPDATE, "{\"title\":\"x\",\"id\":\"t9\"}"))
        .isInstanceOfSatisfying(DecodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.FIELD_NOT_UPDATABLE);
          assertThat(e.path()).isEqualTo("id");
        });
  }

  @Test
  void decodingAnUpdateChecksTypesNullsAndDuplicates() {
    assertThatThrownBy(() -> LiveJson.decode(TaskJson.UPDATE, "{\"title\":null}"))
        .isInstanceOfSatisfying(DecodeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NULL_NOT_ALLOWED));
    assertThatThrownBy(() -> LiveJson.decode(TaskJson.UPDATE, "{\"position\":\"1\"}"))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_TYPE));
    assertThatThrownBy(() -> LiveJson.decode(TaskJson.UPDATE, "{\"title\":\"a\",\"title\":\"b\"}"))
        .isInstanceOfSatisfying(DecodeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_FIELD));
    assertThatThrownBy(() -> LiveJson.decode(TaskJson.UPDATE, "{\"nope\":1}"))
        .isInstanceOfSatisfying(DecodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FIELD);
          assertThat(e.problem()).doesNotContain("id,").contains("boardId, title");
        });
  }

  @Test
  void decodedNullForANullableFieldIsASetToNull() {
    TaskUpdate update = LiveJson.decode(TaskJson.UPDATE, "{\"due\":null}");
    assertThat(update.isSet(Task_.due)).isTrue();
    assertThat(update).isEqualTo(TaskUpdate.of().due(null));
  }
}

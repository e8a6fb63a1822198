package dev.live.examples.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import java.util.List;
import org.junit.jupiter.api.Test;

class InsertDtoTest {
  @Test
  void builderMakesTheRecordWithNullableFieldsLeftOut() {
    TaskInsert insert = TaskInsert.builder().id("t2").boardId("b1").title("Bare").status(Status.TODO)
        .position(0).estimate(0).revision(0).labels(List.of()).build();
    assertThat(insert.toRecord()).isEqualTo(Samples.bareTask());
    assertThat(insert.collection()).isSameAs(Task_.COLLECTION);
  }

  @Test
  void builderNamesEveryMissingRequiredFieldIncludingUnsetPrimitives() {
    assertThatThrownBy(() -> TaskInsert.builder().id("t1").title("x").build())
        .isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD);
          assertThat(e.getMessage()).isEqualTo(
              "TaskInsert is missing required fields: boardId, status, position, estimate, revision, labels");
        });
  }

  @Test
  void requiredFieldSetToNullCountsAsMissing() {
    assertThatThrownBy(() -> TeamInsert.builder().id("team1").name(null).createdAt(Samples.CREATED).build())
        .isInstanceOfSatisfying(LiveException.class,
            e -> assertThat(e.getMessage()).isEqualTo("TeamInsert is missing required field: name"));
  }

  @Test
  void recordConstructorChecksRequiredFieldsToo() {
    assertThatThrownBy(() -> new CommentInsert(null, "t1", null, "body", Samples.CREATED))
        .isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD);
          assertThat(e.getMessage()).isEqualTo("CommentInsert is missing required fields: id, authorId");
        });
  }

  @Test
  void primitiveFieldSetToItsDefaultIsNotMissing() {
    TaskInsert insert = TaskInsert.builder().id("t").boardId("b").title("x").status(Status.TODO)
        .position(0).estimate(0.0).revision(0L).labels(List.of()).build();
    assertThat(insert.position()).isZero();
  }

  @Test
  void listsAreCopiedSoTheCallerCannotChangeTheDtoAfterwards() {
    java.util.List<String> labels = new java.util.ArrayList<>(List.of("a"));
    TaskInsert insert = TaskInsert.builder().id("t").boardId("b").title("x").status(Status.TODO)
        .position(0).estimate(0).revision(0).labels(labels).build();
    TaskUpdate update = TaskUpdate.of().labels(labels);
    labels.add("b");
    assertThat(insert.labels()).containsExactly("a");
    assertThat(update.get(Task_.labels)).containsExactly("a");
  }

  @Test
  void listWithANullElementIsRefusedNamingTheIndex() {
    assertThatThrownBy(() -> TaskUpdate.of().labels(java.util.Arrays.asList("a", null)))
        .isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NULL_NOT_ALLOWED);
          assertThat(e.getMessage()).isEqualTo("TaskUpdate.labels[1] is null; lists in Live values hold no nulls");
        });
  }
}

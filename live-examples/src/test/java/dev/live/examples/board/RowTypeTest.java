package dev.live.examples.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.query.IncludedValues;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RowTypeTest {
  @Test
  void includedRelationsAreTypedRows() {
    UserRow ann = new UserRow(new User("u1", "Ann", null, "team1", Role.ADMIN), IncludedValues.none());
    CommentRow comment = new CommentRow(Samples.comment(), IncludedValues.builder()
        .toOne(Comment_.author, Optional.of(ann)).build());
    TaskRow row = new TaskRow(Samples.task(), IncludedValues.builder()
        .toOne(Task_.assignee, Optional.of(ann))
        .toOne(Task_.board, Optional.empty())
        .toMany(Task_.comments, List.of(comment))
        .build());
    assertThat(row.assignee()).map(UserRow::value).map(User::name).contains("Ann");
    assertThat(row.board()).isEmpty();
    assertThat(row.comments()).singleElement().satisfies(c -> assertThat(c.author()).contains(ann));
  }

  @Test
  void relationNotIncludedSaysWhichIncludeToAdd() {
    TaskRow row = new TaskRow(Samples.task(), IncludedValues.none());
    assertThatThrownBy(row::comments)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("relation 'comments' of tasks was not included in the query; add it with include(...)");
  }

  @Test
  void rowsWithTheSameValuesAreEqual() {
    TaskRow a = new TaskRow(Samples.task(), IncludedValues.builder().toMany(Task_.comments, List.of()).build());
    TaskRow b = new TaskRow(Samples.task(), IncludedValues.builder().toMany(Task_.comments, List.of()).build());
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new TaskRow(Samples.task(), IncludedValues.none()));
  }
}

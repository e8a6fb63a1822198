package dev.live.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.error.ErrorCode;
import org.junit.jupiter.api.Test;

class DecodeExceptionTest {
  @Test
  void pathsJoinFieldsWithDotsAndIndexesWithoutThem() {
    DecodeException leaf = new DecodeException(ErrorCode.WRONG_TYPE, "", "expected a string", 3, 7);
    DecodeException full = leaf.within("[2]").within("items").within("checklist");
    assertThat(full.path()).isEqualTo("checklist.items[2]");
    assertThat(full.getMessage()).isEqualTo("checklist.items[2]: expected a string (line 3, column 7)");
    assertThat(full.code()).isEqualTo(ErrorCode.WRONG_TYPE);
  }

  @Test
  void relocationKeepsEverythingButThePosition() {
    DecodeException moved = new DecodeException(ErrorCode.INVALID_VALUE, "value", "bad", 1, 2).relocated(9, 4);
    assertThat(moved.path()).isEqualTo("value");
    assertThat(moved.line()).isEqualTo(9);
    assertThat(moved.column()).isEqualTo(4);
  }

  @Test
  void decodeErrorsCarryNoStackTraceBecauseInputCanFloodThem() {
    assertThat(new DecodeException(ErrorCode.WRONG_TYPE, "", "x", -1, -1).getStackTrace()).isEmpty();
  }

  @Test
  void suggestionsCatchTyposButNotStrangers() {
    java.util.List<String> names = java.util.List.of("tasks", "teams", "users");
    assertThat(Suggestions.closest("taks", names)).contains("tasks");
    assertThat(Suggestions.closest("usres", names)).contains("users");
    assertThat(Suggestions.closest("invoices", names)).isEmpty();
    assertThat(Suggestions.didYouMean("x".repeat(1000), names)).isEmpty();
  }
}

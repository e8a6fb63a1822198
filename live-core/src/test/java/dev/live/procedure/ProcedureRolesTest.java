package dev.live.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.annotations.Procedure;
import dev.live.auth.AuthContext;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A procedure's roles: a caller needs one of them, none lets everyone in, and a descriptor written
 * by hand is held to the shape the processor checks.
 */
class ProcedureRolesTest {
  private static final ProcedureDescriptor<Void, Void> ARCHIVE =
      new ProcedureDescriptor<Void, Void>("archive", Procedure.Kind.MUTATION, Optional.empty(), Optional.empty())
          .withRoles("ADMIN", "billing:admin");

  @Test
  void aCallerNeedsOneOfTheRoles() {
    assertThat(ProcedureRoles.missing("archive", ARCHIVE.roles(), AuthContext.user("u1", "billing:admin"))).isEmpty();
    Optional<LiveException> refused =
        ProcedureRoles.missing("archive", ARCHIVE.roles(), AuthContext.user("u2", "MEMBER"));
    assertThat(refused).hasValueSatisfying(e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
      assertThat(e.getMessage()).isEqualTo("procedure 'archive' needs one of the roles ADMIN, billing:admin");
    });
    assertThat(ProcedureRoles.missing("archive", Set.of("ADMIN"), AuthContext.anonymous()))
        .hasValueSatisfying(e -> assertThat(e.getMessage()).isEqualTo("procedure 'archive' needs the role ADMIN"));
  }

  @Test
  void noRolesLetEveryoneIn() {
    ProcedureDescriptor<Void, Void> open =
        new ProcedureDescriptor<>("count", Procedure.Kind.QUERY, Optional.empty(), Optional.empty());
    assertThat(open.roles()).isEmpty();
    assertThat(ProcedureRoles.missing("count", open.roles(), AuthContext.anonymous())).isEmpty();
  }

  @Test
  void aHandWrittenDescriptorIsHeldToTheProcessorsShape() {
    ProcedureDescriptor<Void, Void> plain =
        new ProcedureDescriptor<>("archive", Procedure.Kind.MUTATION, Optional.empty(), Optional.empty());
    assertThatThrownBy(() -> plain.withRoles("team admin"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("role \"team admin\" of procedure 'archive' is not allowed: a role is a letter followed by letters,"
            + " digits, '_', '-', '.' or ':', at most 64 characters");
    assertThatThrownBy(() -> plain.withRoles("ADMIN", "ADMIN"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("role ADMIN of procedure 'archive' is named twice");
    assertThatThrownBy(() -> ProcedureRoles.checked("archive", List.of("x".repeat(65))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

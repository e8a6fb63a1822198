package dev.live.processor.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.procedure.ProcedureRoles;
import org.junit.jupiter.api.Test;

/**
 * The processor's role shape is the one live-core checks at run time: a role the processor lets
 * through must never fail in the generated descriptor, and the other way round.
 */
class NamesTest {
  @Test
  void theProcessorAndTheRuntimeAgreeOnTheShapeOfRoles() {
    String[] samples = {"ADMIN", "admin", "a", "billing:admin", "ROLE_EDITOR", "team-lead", "org.admin", "A1",
        "x".repeat(64), "x".repeat(65), "", " ", "1admin", "_admin", ":admin", "team admin", "admin!", "rôle",
        "admin\n", "ad/min"};
    for (String role : samples) {
      assertThat(Names.isValidRole(role)).as("'%s'", role).isEqualTo(ProcedureRoles.isValid(role));
    }
    assertThat(Names.isValidRole("billing:admin")).isTrue();
    assertThat(Names.isValidRole("x".repeat(65))).isFalse();
  }
}

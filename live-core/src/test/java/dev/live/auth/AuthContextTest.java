package dev.live.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthContextTest {
  @Test
  void buildsAUserWithRolesAndClaims() {
    AuthContext ada = AuthContext.of("ada").withRoles("admin", "editor").withClaim("team", "t1").withRoles("admin");

    assertThat(ada).isEqualTo(new AuthContext(Optional.of("ada"), Set.of("admin", "editor"), Map.of("team", "t1")));
    assertThat(ada.isAuthenticated()).isTrue();
    assertThat(ada.hasRole("editor")).isTrue();
  }

  @Test
  void aClaimReplacesOneOfTheSameNameAndKeepsTheExpiry() {
    Instant end = Instant.parse("2030-01-01T00:00:00Z");
    AuthContext moved = AuthContext.of("ada").withClaim("team", "t1").expiringAt(end).withClaim("team", "t2");

    assertThat(moved.claims()).isEqualTo(Map.of("team", "t2"));
    assertThat(moved.expiresAt()).contains(end);
  }

  @Test
  void refusesABlankUser() {
    assertThatThrownBy(() -> AuthContext.of(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AuthContext.anonymous()");
  }
}

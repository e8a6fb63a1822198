package dev.live.auth;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is making a request: the user's id (absent for anonymous clients), their roles, and any
 * claims the authenticator extracted (from a token, say). Immutable.
 */
public record AuthContext(Optional<String> userId, Set<String> roles, Map<String, String> claims) {
  private static final AuthContext ANONYMOUS = new AuthContext(Optional.empty(), Set.of(), Map.of());

  public AuthContext {
    Objects.requireNonNull(userId, "userId");
    roles = Set.copyOf(roles);
    claims = Map.copyOf(claims);
  }

  /** A client that has not authenticated. */
  public static AuthContext anonymous() {
    return ANONYMOUS;
  }

  /** An authenticated user with the given roles. */
  public static AuthContext user(String userId, String... roles) {
    return new AuthContext(Optional.of(userId), Set.copyOf(Arrays.asList(roles)), Map.of());
  }

  public boolean isAuthenticated() {
    return userId.isPresent();
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}

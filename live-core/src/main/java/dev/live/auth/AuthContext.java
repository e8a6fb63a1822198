package dev.live.auth;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is making a request: the user's id (absent for anonymous clients), their roles, any claims
 * the authenticator extracted (from a token, say), and when the session ends, if it does (a
 * token's expiry): the server then closes the connection with 1008. Immutable.
 */
public record AuthContext(Optional<String> userId, Set<String> roles, Map<String, String> claims,
    Optional<Instant> expiresAt) {
  private static final AuthContext ANONYMOUS = new AuthContext(Optional.empty(), Set.of(), Map.of());

  public AuthContext {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    roles = Set.copyOf(roles);
    claims = Map.copyOf(claims);
  }

  /** A session that does not end by itself. */
  public AuthContext(Optional<String> userId, Set<String> roles, Map<String, String> claims) {
    this(userId, roles, claims, Optional.empty());
  }

  /** This session, ending at {@code instant} (a token's expiry). */
  public AuthContext expiringAt(Instant instant) {
    return new AuthContext(userId, roles, claims, Optional.of(instant));
  }

  /** Whether {@code other} is the same user with the same roles and claims, whatever the expiry: it reads the same. */
  public boolean sameIdentityAs(AuthContext other) {
    return userId.equals(other.userId) && roles.equals(other.roles) && claims.equals(other.claims);
  }

  /** Whether the session has ended at {@code now}. */
  public boolean isExpired(Instant now) {
    return expiresAt.map(end -> !now.isBefore(end)).orElse(false);
  }

  /** A client that has not authenticated. */
  public static AuthContext anonymous() {
    return ANONYMOUS;
  }

  /**
   * The authenticated user {@code userId}, with no roles and no claims yet: add them with {@link
   * #withRoles} and {@link #withClaim}, as in {@code AuthContext.of("ada").withRoles("admin")
   * .withClaim("team", "t1")}.
   */
  public static AuthContext of(String userId) {
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("a user id is a non-blank string; for a client that has not"
          + " authenticated use AuthContext.anonymous()");
    }
    return new AuthContext(Optional.of(userId), Set.of(), Map.of());
  }

  /** This context with {@code more} roles besides its own. */
  public AuthContext withRoles(String... more) {
    Set<String> all = new HashSet<>(roles);
    for (String role : more) {
      all.add(Objects.requireNonNull(role, "role"));
    }
    return new AuthContext(userId, all, claims, expiresAt);
  }

  /** This context with the claim {@code name} set to {@code value} (replacing one of that name). */
  public AuthContext withClaim(String name, String value) {
    Map<String, String> all = new HashMap<>(claims);
    all.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new AuthContext(userId, roles, all, expiresAt);
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

package dev.live.procedure;

import dev.live.auth.AuthContext;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The roles a procedure requires ({@code @Procedure(roles = ...)}): their shape, and the check
 * that a caller has one of them. The processor checks the same shape at compile time (its {@code
 * PROCEDURE_ROLE_INVALID}), so a descriptor it generated always passes; the check here catches
 * descriptors written by hand.
 */
public final class ProcedureRoles {
  /** The longest role name. */
  public static final int MAX_LENGTH = 64;

  /** A letter, then letters, digits, {@code _ - . :} ({@code ADMIN}, {@code billing:admin}, {@code ROLE_EDITOR}). */
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]*");

  private ProcedureRoles() {}

  /** Whether {@code role} has the shape of a role name. */
  public static boolean isValid(String role) {
    return role.length() <= MAX_LENGTH && SHAPE.matcher(role).matches();
  }

  /**
   * {@code roles} of {@code procedure} as an immutable set, once checked: each of the shape {@link
   * #isValid} accepts, none twice.
   *
   * @throws IllegalArgumentException naming the first role that is not
   */
  public static Set<String> checked(String procedure, Collection<String> roles) {
    Set<String> seen = new LinkedHashSet<>();
    for (String role : roles) {
      if (role == null || !isValid(role)) {
        throw new IllegalArgumentException("role " + (role == null ? "null" : "\"" + role + "\"") + " of procedure '"
            + procedure + "' is not allowed: a role is a letter followed by letters, digits, '_', '-', '.' or ':', at"
            + " most " + MAX_LENGTH + " characters");
      }
      if (!seen.add(role)) {
        throw new IllegalArgumentException("role " + role + " of procedure '" + procedure + "' is named twice");
      }
    }
    return Set.copyOf(seen);
  }

  /**
   * The {@code FORBIDDEN} error for {@code auth} calling {@code procedure}, which requires one of
   * {@code roles}; empty when it has one, or when {@code roles} is empty (anyone may call).
   */
  public static Optional<LiveException> missing(String procedure, Set<String> roles, AuthContext auth) {
    if (roles.isEmpty() || roles.stream().anyMatch(auth::hasRole)) {
      return Optional.empty();
    }
    String needed = roles.size() == 1 ? "the role " + roles.iterator().next()
        : "one of the roles " + String.join(", ", roles.stream().sorted().toList());
    return Optional.of(new LiveException(ErrorCode.FORBIDDEN, "procedure '" + procedure + "' needs " + needed));
  }
}

package dev.live.processor.read;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/** Naming rules: what names are allowed, and how columns and relation names are derived. */
public final class Names {
  private static final Pattern COLLECTION_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
  /**
   * The shape of a role: live-core's {@code ProcedureRoles} checks the same at run time (the
   * processor does not depend on live-core); {@code NamesTest} keeps the two in step.
   */
  private static final Pattern ROLE = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,63}");

  private Names() {}

  /** Collection names are table names too, so they follow the stricter SQL identifier rule. */
  public static boolean isValidCollectionName(String name) {
    return COLLECTION_NAME.matcher(name).matches();
  }

  /** A Java identifier that starts with a letter: relation and procedure names become members. */
  public static boolean isValidMemberName(String name) {
    return !name.isEmpty() && Character.isLetter(name.charAt(0)) && SourceVersion.isName(name)
        && name.chars().allMatch(c -> c < 128);
  }

  /** A role of {@code @Procedure(roles = ...)}: a letter, then letters, digits, {@code _ - . :}; at most 64. */
  public static boolean isValidRole(String role) {
    return ROLE.matcher(role).matches();
  }

  /**
   * The column of a component: snake case, so that unquoted SQL identifiers work in every
   * database ({@code assigneeId} → {@code assignee_id}, {@code htmlURL} → {@code html_url}).
   */
  public static String column(String name) {
    StringBuilder column = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        char previous = name.charAt(i - 1);
        boolean nextIsLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (previous != '_' && (!Character.isUpperCase(previous) || nextIsLower)) {
          column.append('_');
        }
      }
      column.append(Character.toLowerCase(c));
    }
    return column.toString().toLowerCase(Locale.ROOT);
  }

  /** The relation name a reference component implies: its name without an id suffix. */
  public static Optional<String> relationName(String component) {
    for (String suffix : new String[] {"Id", "ID", "_id"}) {
      if (component.endsWith(suffix) && component.length() > suffix.length()) {
        return Optional.of(component.substring(0, component.length() - suffix.length()));
      }
    }
    return Optional.empty();
  }
}

package dev.live.examples.board;

/** What a user may do within their team. */
public enum Role {
  MEMBER,
  ADMIN;

  /** {@link #ADMIN}'s name as a constant: an annotation takes constants only ({@code @Procedure(roles = ...)}). */
  public static final String ADMIN_ROLE = "ADMIN";
}

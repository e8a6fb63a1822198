package dev.live.examples.board;

/** What a user may do within their team. */
public enum Role {
  MEMBER,
  ADMIN
}

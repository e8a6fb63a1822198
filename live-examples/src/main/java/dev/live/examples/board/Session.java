package dev.live.examples.board;

/** A signed-in user: the token to connect with, and who it stands for. */
public record Session(String token, String userId, String name, String teamId, Role role) {}

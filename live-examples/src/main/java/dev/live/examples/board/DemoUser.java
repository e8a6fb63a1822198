package dev.live.examples.board;

/** A demo account the sign-in page offers: a name to sign in with, its team's name and its role. */
public record DemoUser(String name, String team, Role role) {}

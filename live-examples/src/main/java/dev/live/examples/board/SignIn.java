package dev.live.examples.board;

import org.jspecify.annotations.Nullable;

/**
 * Input of {@link SignInProcedures#signIn}: the user's name and, for a name not known yet, the
 * name of the team to join (the first team when absent).
 */
public record SignIn(String name, @Nullable String team) {}

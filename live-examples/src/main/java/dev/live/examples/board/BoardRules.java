package dev.live.examples.board;

import dev.live.auth.AuthContext;
import dev.live.auth.Rules;
import java.util.Set;

/**
 * Who reads and writes what on the board. Reads: everybody sees the teams (the sign-in page
 * lists them); signed-in users see their own team's members, boards, the tasks on those boards
 * and the comments on those tasks ({@link TeamScope}); anonymous clients see nothing else. Writes
 * from clients: only tasks and comments, and only as listed here; boards, users and teams change
 * through the server alone. That a new task goes on a board of the caller's team, and a new
 * comment on a task of it, needs a read of that board or task, which a rule cannot do: {@link
 * TeamWrites} checks it in the write's transaction.
 */
public final class BoardRules {
  private BoardRules() {}

  public static Rules rules() {
    return Rules.builder()
        .read(Team_.COLLECTION, auth -> Rules.everything(Team_.COLLECTION))
        .read(User_.COLLECTION, TeamScope::users)
        .read(Board_.COLLECTION, TeamScope::boards)
        .read(Task_.COLLECTION, TeamScope::tasks)
        .read(Comment_.COLLECTION, TeamScope::comments)
        .insert(Task_.COLLECTION, (auth, task) -> TeamScope.team(auth).isPresent())
        // An update or delete only reaches tasks the caller may read, so of their team's boards;
        // keeping the board keeps the task there.
        .update(Task_.COLLECTION, (auth, before, after, changed) -> !changed.contains(Task_.boardId))
        .delete(Task_.COLLECTION, (auth, task) -> auth.hasRole(Role.ADMIN.name()))
        .insert(Comment_.COLLECTION, (auth, comment) -> isAuthor(auth, comment))
        .update(Comment_.COLLECTION, (auth, before, after, changed) ->
            isAuthor(auth, before) && Set.of(Comment_.body).containsAll(changed))
        .delete(Comment_.COLLECTION, (auth, comment) -> isAuthor(auth, comment))
        .denyUnlistedWrites()
        .build();
  }

  private static boolean isAuthor(AuthContext auth, Comment comment) {
    return auth.userId().filter(comment.authorId()::equals).isPresent();
  }
}

package dev.live.examples.board;

import dev.live.annotations.Procedure;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.procedure.DataAccess;
import dev.live.procedure.ProcedureContext;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Sign-in by name, for anonymous callers (over WebSocket, or {@code POST /live/call/signIn}). A
 * known name signs in as that user; a new name becomes a member of the team it names, or of the
 * first team. There is no password: this is a demo of live data, not of identity, and the token
 * only proves that this server issued it (see {@link SessionTokens}).
 */
public class SignInProcedures {
  static final int MAX_NAME_LENGTH = 40;

  private final SessionTokens tokens;

  public SignInProcedures(SessionTokens tokens) {
    this.tokens = tokens;
  }

  /** Signs in as the user named {@code input.name()}, who is created when new. */
  @Procedure
  public Session signIn(SignIn input, ProcedureContext context) {
    String name = validName(input.name());
    DataAccess data = context.data();
    User user = data.find(UserQuery.where(User_.name.eq(name)).orderBy(User_.id.asc()).first())
        .orElseGet(() -> data.insert(UserInsert.of(new User("u-" + UUID.randomUUID(), name, null,
            teamToJoin(data, input.team()).id(), Role.MEMBER))));
    return new Session(tokens.issue(user.id()), user.id(), user.name(), user.teamId(), user.role());
  }

  /** The demo accounts that exist, for the sign-in page to offer; readable by anyone. */
  @Procedure(kind = Procedure.Kind.QUERY)
  public List<DemoUser> demoUsers(ProcedureContext context) {
    return DemoData.users(context.data());
  }

  private static String validName(String name) {
    String trimmed = name.strip();
    if (trimmed.isEmpty()) {
      throw new LiveException(ErrorCode.INVALID_VALUE, "a name is needed to sign in");
    }
    if (trimmed.length() > MAX_NAME_LENGTH) {
      throw new LiveException(ErrorCode.INVALID_VALUE, "a name has at most " + MAX_NAME_LENGTH
          + " characters, not " + trimmed.length());
    }
    return trimmed;
  }

  private static Team teamToJoin(DataAccess data, @Nullable String teamName) {
    if (teamName == null || teamName.isBlank()) {
      return data.find(TeamQuery.all().orderBy(Team_.createdAt.asc(), Team_.id.asc()).first()).orElseThrow(() ->
          new LiveException(ErrorCode.NOT_FOUND, "there is no team to join yet"));
    }
    return data.find(TeamQuery.where(Team_.name.eq(teamName.strip())).first()).orElseThrow(() ->
        new LiveException(ErrorCode.NOT_FOUND, "no team is named '" + teamName.strip() + "'; the teams are "
            + String.join(", ", data.list(TeamQuery.all().orderBy(Team_.name.asc())).stream().map(Team::name).toList())));
  }
}

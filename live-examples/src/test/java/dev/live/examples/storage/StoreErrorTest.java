package dev.live.examples.storage;

import static dev.live.examples.storage.BoardData.ANN;
import static dev.live.examples.storage.BoardData.CORE;
import static dev.live.examples.storage.BoardData.T0;
import static dev.live.examples.storage.BoardData.T1;
import static dev.live.examples.storage.BoardData.T2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.live.dto.InsertDto;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.examples.board.Status;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.examples.board.Team;
import dev.live.examples.board.TeamInsert;
import dev.live.examples.board.TeamQuery;
import dev.live.examples.board.TeamUpdate;
import dev.live.examples.board.Team_;
import dev.live.examples.board.UserQuery;
import dev.live.examples.board.User_;
import dev.live.schema.CollectionSchema;
import dev.live.storage.Change;
import dev.live.storage.Hooks;
import dev.live.storage.StorageException;
import dev.live.storage.StoreOptions;
import java.sql.SQLException;
import java.util.List;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What storage refuses comes back as a typed {@link LiveException} (a {@link StorageException}
 * for what the database refused) with a stable code, the collection and field it is about, and a
 * message that says what was wrong and what is allowed; never as a raw {@link SQLException}.
 */
class StoreErrorTest extends StoreTestBase {
  /** A title the hooks below replace with null, as a buggy hook might. */
  private static final String NULL_ME = "<hook sets the title to null>";

  @Override
  StoreOptions options() {
    Hooks hooks = Hooks.builder()
        .beforeInsert(Task_.COLLECTION, (tx, task) -> NULL_ME.equals(task.title()) ? withTitle(task, null) : task)
        .beforeUpdate(Task_.COLLECTION, (tx, before, after) -> NULL_ME.equals(after.title()) ? withTitle(after, null) : after)
        .build();
    return StoreOptions.builder().hooks(hooks).build();
  }

  @BeforeEach
  void seed() {
    BoardData.seed(store);
  }

  // --- text ---------------------------------------------------------------------------------

  @Test
  void textPostgresqlCannotHoldIsInvalidOnEveryDatabase() {
    assertThatThrownBy(() -> store.update("t1", TaskUpdate.of().title("nul \u0000 inside")))
        .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE))
        .hasMessageContaining("U+0000");
    assertThatThrownBy(() -> store.update("t1", TaskUpdate.of().title("half \uD83D a face")))
        .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE))
        .hasMessageContaining("unpaired surrogate");
    assertThatThrownBy(() -> store.list(TaskQuery.where(Task_.title.contains("\uDE00"))))
        .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE));
    assertThat(store.update("t1", TaskUpdate.of().title("a whole face \uD83D\uDE00")).title()).endsWith("\uD83D\uDE00");
    assertThat(store.find(TaskQuery.all().one("t1")).orElseThrow().title()).isEqualTo("a whole face \uD83D\uDE00");
  }

  // --- constraints ------------------------------------------------------------------------

  @Test
  void insertingAnExistingIdIsAlreadyExistsOnTheIdField() {
    Team duplicate = new Team(CORE.id(), "Another name", T0);

    assertThatThrownBy(() -> store.insert(TeamInsert.of(duplicate)))
        .satisfies(storageError(ErrorCode.ALREADY_EXISTS, "teams", "id"))
        .hasMessageContaining("already exists")
        .hasMessageContaining("'team1'");
    assertThat(store.list(TeamQuery.where(Team_.name.eq("Another name")))).isEmpty();
  }

  @Test
  void alreadyExistsMessageSaysWhatIsAllowed() {
    // Every message says what was wrong and what is allowed (LiveException's contract).
    assertThatThrownBy(() -> store.insert(TeamInsert.of(new Team(CORE.id(), "Another name", T0))))
        .satisfies(storageError(ErrorCode.ALREADY_EXISTS, "teams", "id"))
        .message().containsAnyOf("unique", "another id", "update");
  }

  @Test
  void aDuplicateUniqueValueIsUniqueViolationNamingTheFieldButNotTheValue() {
    String secret = "Project Nightingale";
    store.insert(TeamInsert.of(new Team("team3", secret, T0)));

    // Insert: another team with the same @Unique name.
    assertThatThrownBy(() -> store.insert(TeamInsert.of(new Team("team4", secret, T0))))
        .satisfies(storageError(ErrorCode.UNIQUE_VIOLATION, "teams", "name"))
        .hasMessageContaining("name")
        .hasMessageContaining("@Unique")
        .message().doesNotContain(secret);
    // Update: renaming a team to a name another team has.
    assertThatThrownBy(() -> store.update("team1", TeamUpdate.of().name(secret)))
        .satisfies(storageError(ErrorCode.UNIQUE_VIOLATION, "teams", "name"))
        .message().doesNotContain(secret);

    assertThat(store.list(TeamQuery.all())).extracting(Team::id).containsExactly("team1", "team2", "team3");
    assertThat(store.find(TeamQuery.all().one("team1"))).contains(CORE);
  }

  @Test
  void aRefToAMissingRowIsReferenceNotFoundOnTheRefField() {
    Task ghostAssignee = new Task("t9", "b1", "Haunted", Status.TODO, "ghost", null, 1, 1.0, 1L, List.of(), null);

    assertThatThrownBy(() -> store.insert(TaskInsert.of(ghostAssignee)))
        .satisfies(storageError(ErrorCode.REFERENCE_NOT_FOUND, "tasks", "assigneeId"))
        .hasMessageContaining("assigneeId")
        .hasMessageContaining("users")
        .hasMessageContaining("id of an existing row");
    assertThatThrownBy(() -> store.update("t2", TaskUpdate.of().assigneeId("ghost")))
        .satisfies(storageError(ErrorCode.REFERENCE_NOT_FOUND, "tasks", "assigneeId"))
        .hasMessageContaining("users");
    Task ghostBoard = new Task("t9", "nowhere", "Lost", Status.TODO, null, null, 1, 1.0, 1L, List.of(), null);
    assertThatThrownBy(() -> store.insert(TaskInsert.of(ghostBoard)))
        .satisfies(storageError(ErrorCode.REFERENCE_NOT_FOUND, "tasks", "boardId"))
        .hasMessageContaining("boards");

    assertThat(store.find(TaskQuery.all().one("t9"))).isEmpty();
    assertThat(store.find(TaskQuery.all().one("t2"))).contains(T2);
  }

  @Test
  void deletingARowThatIsStillReferencedIsStillReferenced() {
    // Ann is assigned t1 and t4, and wrote comments.
    assertThatThrownBy(() -> store.delete(User_.COLLECTION, "u1"))
        .satisfies(storageError(ErrorCode.STILL_REFERENCED, "users", null))
        .hasMessageContaining("'u1'")
        .hasMessageContaining("still refer")
        .hasMessageContaining("delete or re-point them first");
    assertThat(store.find(UserQuery.all().one("u1"))).contains(ANN);
  }

  @Test
  void theErrorDoesNotDependOnValuesThatLookLikeConstraintNames() {
    // The constraint is found by its name in the database's message, which also quotes the
    // offending values: a value spelling another constraint's name must not change the error.
    store.insert(TeamInsert.of(new Team("ux_teams_name", "First", T0)));
    assertThatThrownBy(() -> store.insert(TeamInsert.of(new Team("ux_teams_name", "Second", T0))))
        .satisfies(storageError(ErrorCode.ALREADY_EXISTS, "teams", "id"));

    Task task = new Task("t9", "b1", "x", Status.TODO, "fk_comments_author_id", null, 1, 1.0, 1L, List.of(), null);
    assertThatThrownBy(() -> store.insert(TaskInsert.of(task)))
        .satisfies(storageError(ErrorCode.REFERENCE_NOT_FOUND, "tasks", "assigneeId"))
        .hasMessageContaining("tasks.assigneeId");
  }

  // --- required fields --------------------------------------------------------------------

  @Test
  void aBeforeInsertHookReturningANullRequiredFieldIsNullNotAllowedNamingTheField() {
    Task task = new Task("t9", "b1", NULL_ME, Status.TODO, null, null, 1, 1.0, 1L, List.of(), null);

    assertThatThrownBy(() -> store.insert(TaskInsert.of(task)))
        .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NULL_NOT_ALLOWED))
        .hasMessageContaining("title")
        .hasMessageContaining("required");
    assertThat(store.find(TaskQuery.all().one("t9"))).isEmpty();
  }

  @Test
  void aHandBuiltInsertWithANullRequiredFieldIsNullNotAllowedNamingTheField() {
    InsertDto<Task> handBuilt = new InsertDto<>() {
      @Override
      public CollectionSchema<Task> collection() {
        return Task_.COLLECTION;
      }

      @Override
      public Task toRecord() {
        return new Task("t9", "b1", "Titled", null, null, null, 1, 1.0, 1L, List.of(), null);
      }
    };

    assertThatThrownBy(() -> store.insert(handBuilt))
        .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NULL_NOT_ALLOWED))
        .hasMessageContaining("status")
        .hasMessageContaining("required");
    assertThat(store.find(TaskQuery.all().one("t9"))).isEmpty();
  }

  @Test
  void aBeforeUpdateHookReturningANullRequiredFieldIsNullNotAllowedNamingTheField() {
    assertThatThrownBy(() -> store.update("t1", TaskUpdate.of().title(NULL_ME)))
        .isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NULL_NOT_ALLOWED);
          if (e instanceof StorageException storage) {
            assertThat(storage.collection()).contains("tasks");
            assertThat(storage.field()).contains("title");
          }
        })
        .hasMessageContaining("title")
        .hasMessageContaining("@Nullable");
    assertThat(store.find(TaskQuery.all().one("t1"))).contains(T1);
  }

  // --- string length ----------------------------------------------------------------------

  @Test
  void aStringOfAMillionAndOneCharactersIsStoredWholeOnBothDatabases() {
    // ErrorCode.VALUE_TOO_LONG and its message say H2 keeps at most 1,000,000 characters; H2
    // 2.4's limit for CHARACTER VARYING is 1,000,000,000, and PostgreSQL's text has none below 1 GB.
    String title = "x".repeat(1_000_001);
    Task task = new Task("long", "b1", title, Status.TODO, null, null, 1, 1.0, 1L, List.of(), null);

    assertThat(store.insert(TaskInsert.of(task)).title()).hasSize(1_000_001);
    assertThat(store.find(TaskQuery.all().one("long")).orElseThrow().title()).isEqualTo(title);
  }

  @Test
  void onH2AStringOverItsLimitIsValueTooLongAndTheMessageGivesTheRealLimit() {
    assumeTrue(backend == Backend.H2, "PostgreSQL stores such a string (up to 1 GB): only H2 has this limit");
    // 1,000,000,001 characters: about 1 GB of heap for the test's string.
    Task task = new Task("toolong", "b1", "y".repeat(1_000_000_001), Status.TODO, null, null, 1, 1.0, 1L, List.of(), null);

    Throwable thrown = catchThrowable(() -> store.insert(TaskInsert.of(task)));

    assertThat(thrown)
        .satisfies(storageError(ErrorCode.VALUE_TOO_LONG, "tasks", null))
        .hasMessageContaining("too long")
        .hasMessageContaining("1,000,000,000 characters");
    assertThat(store.find(TaskQuery.all().one("toolong"))).isEmpty();
  }

  // --- transactions -----------------------------------------------------------------------

  @Test
  void afterAFailedWriteLaterCallsOnTheSameTransactionFailPointingToNestedTransactions() {
    long version = store.changes().latestVersion();
    Throwable[] seen = new Throwable[4];

    Throwable commit = catchThrowable(() -> store.transaction(tx -> {
      tx.insert(TeamInsert.of(new Team("team3", "Ops", T0)));
      seen[0] = catchThrowable(() -> tx.insert(TeamInsert.of(new Team("team1", "Dup", T0))));
      seen[1] = catchThrowable(() -> tx.list(TeamQuery.all()));
      seen[2] = catchThrowable(() -> tx.insert(TeamInsert.of(new Team("team4", "Later", T0))));
      seen[3] = catchThrowable(() -> tx.transaction(inner -> inner.list(TeamQuery.all())));
      return null;
    }));

    assertThat(seen[0]).satisfies(storageError(ErrorCode.ALREADY_EXISTS, "teams", "id"));
    for (int i = 1; i < seen.length; i++) {
      assertThat(seen[i]).as("call %d after the failure", i)
          .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS))
          .hasMessageContaining("failed earlier")
          .hasMessageContaining("nested");
    }
    assertThat(commit).as("the unit returned, but the transaction can only roll back")
        .isInstanceOf(StorageException.class).hasMessageContaining("nested");
    assertThat(store.list(TeamQuery.all())).extracting(Team::id).containsExactly("team1", "team2");
    assertThat(store.changes().latestVersion()).isEqualTo(version);
  }

  @Test
  void aFailedNestedTransactionLeavesTheOuterOneUsableAndItsWritesCommit() {
    long version = store.changes().latestVersion();
    Throwable[] nested = new Throwable[1];

    List<Team> seenInside = store.transaction(tx -> {
      tx.insert(TeamInsert.of(new Team("team3", "Ops", T0)));
      nested[0] = catchThrowable(() -> tx.transaction(inner -> {
        inner.insert(TeamInsert.of(new Team("team4", "Undone", T0)));
        return inner.insert(TeamInsert.of(new Team("team5", "Ops", T0))); // name is @Unique
      }));
      tx.update("team3", TeamUpdate.of().name("Ops 2"));
      tx.insert(TeamInsert.of(new Team("team6", "After", T0)));
      return tx.list(TeamQuery.all());
    });

    assertThat(nested[0]).satisfies(storageError(ErrorCode.UNIQUE_VIOLATION, "teams", "name"));
    assertThat(seenInside).extracting(Team::id).containsExactly("team1", "team2", "team3", "team6");
    assertThat(store.list(TeamQuery.all())).extracting(Team::id, Team::name)
        .containsExactly(tuple("team1", "Core"), tuple("team2", "Growth"),
            tuple("team3", "Ops 2"), tuple("team6", "After"));
    assertThat(store.changes().readAfter(version, 10)).extracting(Change::id, Change::operation)
        .containsExactly(tuple("team3", Change.Operation.INSERT),
            tuple("team3", Change.Operation.UPDATE),
            tuple("team6", Change.Operation.INSERT));
  }

  // --- helpers ----------------------------------------------------------------------------

  /**
   * A {@link StorageException} (never the database's own exception) with {@code code}, about
   * {@code collection} and {@code field} (none when null), caused by the database's exception.
   */
  private static ThrowingConsumer<Throwable> storageError(ErrorCode code, String collection, String field) {
    return thrown -> {
      assertThat(thrown).isInstanceOf(StorageException.class).hasCauseInstanceOf(SQLException.class);
      StorageException e = (StorageException) thrown;
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.collection()).contains(collection);
      if (field == null) {
        assertThat(e.field()).isEmpty();
      } else {
        assertThat(e.field()).contains(field);
      }
    };
  }

  private static Task withTitle(Task task, String title) {
    return new Task(task.id(), task.boardId(), title, task.status(), task.assigneeId(), task.due(), task.position(),
        task.estimate(), task.revision(), task.labels(), task.checklist());
  }
}

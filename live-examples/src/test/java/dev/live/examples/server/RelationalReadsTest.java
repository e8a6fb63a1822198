package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.ReadRestriction;
import dev.live.engine.EngineStats;
import dev.live.engine.LiveEngine;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.Board;
import dev.live.examples.board.BoardInsert;
import dev.live.examples.board.BoardQuery;
import dev.live.examples.board.Board_;
import dev.live.examples.board.BoardRules;
import dev.live.examples.board.BoardUpdate;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.Role;
import dev.live.examples.board.Status;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.examples.board.Team;
import dev.live.examples.board.TeamInsert;
import dev.live.examples.board.TeamScope;
import dev.live.examples.board.User;
import dev.live.examples.board.UserInsert;
import dev.live.examples.board.UserUpdate;
import dev.live.examples.board.CommentInsert;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.BoardData;
import dev.live.examples.storage.TestDatabase;
import dev.live.query.QuerySpec;
import dev.live.storage.Store;
import dev.live.storage.StoreOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the engine reads from storage when rows that relational rules and includes depend on
 * change: nothing when memory can answer, and one statement per query shape when it cannot. Every
 * team has a board and one user per role; each team's members follow their board page (tasks of
 * the board with their assignee) under the board's rules.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class RelationalReadsTest {
  private static final int TEAMS = 20;
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  @Parameter
  Backend backend;

  private final List<String> statements = Collections.synchronizedList(new ArrayList<>());
  private TestDatabase database;
  private Store store;
  private LiveEngine engine;
  private final Map<String, EngineConvergenceTest.Recorder> pages = new ConcurrentHashMap<>();

  @BeforeEach
  void open() {
    database = backend.create();
    store = Store.open(database.database(), AppSchema.INSTANCE,
        StoreOptions.builder().statementObserver(sql -> statements.add(Thread.currentThread().getName() + ": " + sql))
            .build());
    store.transaction(tx -> {
      for (int team = 0; team < TEAMS; team++) {
        tx.insert(TeamInsert.of(new Team("team" + team, "Team " + team, T0)));
        tx.insert(UserInsert.of(new User("u" + team, "User " + team, null, "team" + team, Role.MEMBER)));
        tx.insert(BoardInsert.of(new Board("b" + team, "Board " + team, "team" + team, null, null, T0)));
        for (int k = 0; k < 3; k++) {
          tx.insert(task("t" + team + "-" + k, "b" + team, "u" + team, k));
        }
      }
      return null;
    });
    engine = LiveEngine.start(store);
    for (int team = 0; team < TEAMS; team++) {
      EngineConvergenceTest.Recorder page = new EngineConvergenceTest.Recorder();
      pages.put("team" + team, page);
      engine.subscribe(asMember(team, TaskQuery.where(Task_.boardId.eq("b" + team)).orderBy(Task_.position.asc())
          .include(Task_.assignee).spec()), page);
    }
  }

  @AfterEach
  void close() {
    engine.close();
    store.close();
    database.close();
  }

  private static TaskInsert task(String id, String board, String assignee, int position) {
    return TaskInsert.builder().id(id).boardId(board).title("Task " + id).status(Status.TODO).assigneeId(assignee)
        .position(position).estimate(1).revision(1L).labels(List.of()).build();
  }

  private static <T> QuerySpec<T> asMember(int team, QuerySpec<T> spec) {
    return new ReadRestriction(BoardRules.rules(), TeamScope.member("u" + team, "team" + team, Role.MEMBER)).apply(spec);
  }

  @Test
  void renamingAnIncludedUserUpdatesItsTeamsPageFromMemory() {
    EngineConvergenceTest.Recorder page = pages.get("team3");
    int before = page.messageCount();
    statements.clear();

    store.update("u3", UserUpdate.of().name("Renamed"));

    await().atMost(Duration.ofSeconds(10)).until(() -> page.messageCount() == before + 1);
    assertThat(page.replay()).allSatisfy(row -> assertThat(row.get("assignee").get("name").asText()).isEqualTo("Renamed"));
    assertThat(dataReads()).as("reads of data tables for the rename").isEmpty();
  }

  @Test
  void aUserMovingTeamLeavesTheIncludesTheRulesNoLongerShow() {
    EngineConvergenceTest.Recorder page = pages.get("team4");
    int before = page.messageCount();
    statements.clear();

    store.update("u4", UserUpdate.of().teamId("team5"));

    await().atMost(Duration.ofSeconds(10)).until(() -> page.messageCount() == before + 1);
    // Team 4's rules show only team 4's users: the tasks stay, their assignee is hidden now.
    assertThat(page.replay()).hasSize(3).allSatisfy(row -> assertThat(row.get("assignee").isNull()).isTrue());
    assertThat(dataReads()).isEmpty();
  }

  @Test
  void aTaskAssignedToAMemberNoTaskShowsYetTakesTheAssigneeFromMemory() {
    store.insert(UserInsert.of(new User("new6", "Newcomer", null, "team6", Role.MEMBER)));
    store.insert(UserInsert.of(new User("other6", "Outsider", null, "team7", Role.MEMBER)));
    EngineConvergenceTest.Recorder page = pages.get("team6");
    awaitQuiet();
    statements.clear();

    store.update("t6-0", TaskUpdate.of().assigneeId("new6"));
    store.update("t6-1", TaskUpdate.of().assigneeId("other6"));

    await().atMost(Duration.ofSeconds(10)).until(() -> page.replay().stream()
        .anyMatch(row -> row.get("assignee").path("name").asText().equals("Newcomer")));
    await().atMost(Duration.ofSeconds(10)).until(() -> page.replay().stream()
        .anyMatch(row -> row.get("assigneeId").asText().equals("other6") && row.get("assignee").isNull()));
    assertThat(dataReads()).as("a member comes from the team's users the rule shows; an outsider is hidden").isEmpty();
  }

  @Test
  void aBoardRenamedChangesNoResultAndTouchesNoNode() {
    awaitQuiet();
    EngineStats before = engine.stats();
    statements.clear();

    store.update("b7", BoardUpdate.of().title("Renamed"));

    await().atMost(Duration.ofSeconds(10)).until(() -> engine.position() >= store.changes().latestVersion());
    assertThat(engine.stats().touches()).as("nodes a board rename touched").isEqualTo(before.touches());
    assertThat(dataReads()).isEmpty();
    assertThat(pages.values()).allSatisfy(page -> assertThat(page.messageCount()).isEqualTo(1));
  }

  @Test
  void aBoardMovingTeamLeavesItsOldTeamsPageFromMemory() {
    EngineConvergenceTest.Recorder oldTeam = pages.get("team8");
    statements.clear();

    store.update("b8", BoardUpdate.of().teamId("team9"));

    await().atMost(Duration.ofSeconds(10)).until(() -> oldTeam.replay().isEmpty());
    // Team 9's page follows board b9: board b8's tasks cannot enter it, so nothing is read.
    assertThat(dataReads()).isEmpty();
    assertThat(pages.get("team9").messageCount()).isEqualTo(1);
  }

  @Test
  void aCommentJoiningAnIncludedListIsAddedFromMemory() {
    EngineConvergenceTest.Recorder recorder = new EngineConvergenceTest.Recorder();
    engine.subscribe(asMember(2, TaskQuery.where(Task_.boardId.eq("b2"))
        .include(Task_.comments.orderBy(Comment_.createdAt.desc()).limit(2)).spec()), recorder);
    statements.clear();

    store.insert(CommentInsert.of(BoardData.comment(1, "t2-1", "u2", "First", 1)));
    store.insert(CommentInsert.of(BoardData.comment(2, "t2-1", "u2", "Second", 2)));
    store.insert(CommentInsert.of(BoardData.comment(3, "t2-1", "u2", "Third", 3)));

    await().atMost(Duration.ofSeconds(10)).until(() -> bodies(recorder, "t2-1").equals(List.of("Third", "Second")));
    assertThat(dataReads()).isEmpty();
  }

  @Test
  void aNodeReadAgainSendsOnlyTheRowsThatChanged() {
    EngineConvergenceTest.Recorder renamed = new EngineConvergenceTest.Recorder();
    engine.subscribe(BoardQuery.where(Board_.title.eq("Renamed")).include(Board_.tasks).spec(), renamed);
    // A board coming in through an update has its tasks in storage only: each rename reads the node again.
    store.update("b1", BoardUpdate.of().title("Renamed"));
    await().atMost(Duration.ofSeconds(10)).until(() -> renamed.replay().size() == 1);
    long reads = engine.stats().reads();

    store.update("b2", BoardUpdate.of().title("Renamed"));

    await().atMost(Duration.ofSeconds(10)).until(() -> renamed.replay().size() == 2);
    assertThat(engine.stats().reads()).as("the node was read again").isGreaterThan(reads);
    JsonNode delta = renamed.messages().get(renamed.messageCount() - 1);
    assertThat(delta.get("changes")).as("the last delta: %s", delta).hasSize(1);
    assertThat(delta.get("changes").get(0).get("row").get("id").asText()).isEqualTo("b2");
  }

  @Test
  void nodesOfOneShapeThatMustReadAgainAreReadWithOneStatement() {
    List<String> reads = exhaustWindows(true);
    assertThat(reads).filteredOn(sql -> sql.contains("FROM \"tasks\"")).as("statements reading the windows")
        .hasSize(1).allSatisfy(sql -> assertThat(sql).contains("UNION ALL"));
    // Their assignees come from the users each team's rule shows, which the engine keeps.
    assertThat(reads).filteredOn(sql -> sql.contains("FROM \"users\"")).as("statements reading their assignees")
        .isEmpty();
  }

  @Test
  void theToOneTargetsOfNodesReadTogetherAreReadWithOneStatement() {
    List<String> reads = exhaustWindows(false);
    assertThat(reads).filteredOn(sql -> sql.contains("FROM \"tasks\"")).hasSize(1);
    // Without a read rule on users, the assignees of every window come from one read by id.
    assertThat(reads).filteredOn(sql -> sql.contains("FROM \"users\"")).as("statements reading their assignees")
        .hasSize(1);
  }

  /**
   * Subscribes a window of one row per team (which holds one more), then deletes two rows of each
   * board in one transaction: every window must read again. The engine's reads of data tables.
   */
  private List<String> exhaustWindows(boolean ruled) {
    List<EngineConvergenceTest.Recorder> windows = new ArrayList<>();
    for (int team = 0; team < TEAMS; team++) {
      EngineConvergenceTest.Recorder window = new EngineConvergenceTest.Recorder();
      windows.add(window);
      QuerySpec<?> spec = TaskQuery.where(Task_.boardId.eq("b" + team)).orderBy(Task_.position.asc())
          .limit(1).include(Task_.assignee).spec();
      engine.subscribe(ruled ? asMember(team, spec) : spec, window);
    }
    awaitQuiet();
    statements.clear();
    long readsBefore = engine.stats().reads();

    store.transaction(tx -> {
      for (int team = 0; team < TEAMS; team++) {
        tx.delete(Task_.COLLECTION, "t" + team + "-0");
        tx.delete(Task_.COLLECTION, "t" + team + "-1");
      }
      return null;
    });

    await().atMost(Duration.ofSeconds(10)).until(() -> windows.stream()
        .allMatch(window -> ids(window).equals(List.of(idOfLast(windows.indexOf(window))))));
    assertThat(engine.stats().reads() - readsBefore).as("nodes read again").isEqualTo(TEAMS);
    return dataReads();
  }

  private static String idOfLast(int team) {
    return "t" + team + "-2";
  }

  private void awaitQuiet() {
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.position() >= store.changes().latestVersion()
        && engine.stats().pendingNodes() == 0);
  }

  private static List<String> ids(EngineConvergenceTest.Recorder recorder) {
    return recorder.replay().stream().map(row -> row.get("id").asText()).toList();
  }

  private static List<String> bodies(EngineConvergenceTest.Recorder recorder, String taskId) {
    for (JsonNode row : recorder.replay()) {
      if (row.get("id").asText().equals(taskId)) {
        List<String> bodies = new ArrayList<>();
        row.get("comments").forEach(comment -> bodies.add(comment.get("body").asText()));
        return bodies;
      }
    }
    return List.of();
  }

  /** Statements the engine's threads made reading data tables (not the change log); the writes run on the test's. */
  private List<String> dataReads() {
    String test = Thread.currentThread().getName() + ": ";
    synchronized (statements) {
      return statements.stream().filter(line -> !line.startsWith(test)).map(line -> line.substring(line.indexOf(": ") + 2))
          .filter(sql -> sql.startsWith("SELECT") && !sql.contains("live_")).toList();
    }
  }
}

package dev.live.examples.engine;

import dev.live.examples.storage.Backend;
import java.util.List;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * {@link RelationalEngineProperties} on each database. A try costs a new database, some eighty
 * subscriptions and, per batch, a run of every query on storage: H2 takes more tries than
 * PostgreSQL, whose group is skipped outside CI when none is reachable (as the storage suite's).
 * Together they run in about half a minute.
 *
 * <p>KNOWN TO FAIL until the engine bug that {@code
 * EngineBugReproductionTest.aToOneTargetPulledInByAnInsertKeepsItsToManyRelatedRows} reproduces
 * is fixed: all four properties, within a few tries, through the queries of {@link BoardQueryMix}
 * with a to-many include under a to-one include ("comments with their task with its 2 latest
 * comments", "tasks on boards with a task in progress, with the board's first task", "users with
 * nothing open, with their team's boards"). Without those three queries they passed 550 tries of
 * each property per backend run (and more, in longer runs while they were written).
 */
class RelationalEnginePropertiesTest {
  @Group
  class OnH2 extends RelationalEngineProperties {
    OnH2() {
      super(Backend.H2);
    }

    @Property(tries = 50, edgeCases = EdgeCasesMode.NONE)
    void liveResultsAgreeWithStorageAndShowNothingTheRulesHide(@ForAll("worlds") BoardWorld world,
        @ForAll("batches") List<List<BoardWrite>> batches, @ForAll("joins") int joinAfter,
        @ForAll("leaves") int leaveAfter) {
      check(world, batches, joinAfter, leaveAfter);
    }

    @Property(tries = 20, edgeCases = EdgeCasesMode.NONE)
    void liveResultsCatchUpWithWritesRacingTheirReads(@ForAll("worlds") BoardWorld world,
        @ForAll("batches") List<List<BoardWrite>> batches, @ForAll("joins") int joinAfter) {
      race(world, batches, joinAfter);
    }
  }

  @Group
  @AddLifecycleHook(ConditionMatcherPropertiesTest.PostgresRequired.class)
  class OnPostgreSQL extends RelationalEngineProperties {
    OnPostgreSQL() {
      super(Backend.POSTGRESQL);
    }

    @Property(tries = 20, edgeCases = EdgeCasesMode.NONE)
    void liveResultsAgreeWithStorageAndShowNothingTheRulesHide(@ForAll("worlds") BoardWorld world,
        @ForAll("batches") List<List<BoardWrite>> batches, @ForAll("joins") int joinAfter,
        @ForAll("leaves") int leaveAfter) {
      check(world, batches, joinAfter, leaveAfter);
    }

    @Property(tries = 8, edgeCases = EdgeCasesMode.NONE)
    void liveResultsCatchUpWithWritesRacingTheirReads(@ForAll("worlds") BoardWorld world,
        @ForAll("batches") List<List<BoardWrite>> batches, @ForAll("joins") int joinAfter) {
      race(world, batches, joinAfter);
    }
  }
}

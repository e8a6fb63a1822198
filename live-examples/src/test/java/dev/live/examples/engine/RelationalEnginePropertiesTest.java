package dev.live.examples.engine;

import dev.live.examples.storage.Backend;
import java.util.List;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * {@link RelationalEngineProperties} on each database. A try costs a new database, some 140
 * subscriptions and, per batch, a run of every query on storage: H2 takes more tries than
 * PostgreSQL, whose group is skipped outside CI when none is reachable (as the storage suite's).
 * Together they run in 30 to 45 seconds on this project's 2-core machine (more while other
 * builds share it).
 *
 * <p>The racing property found a to-one target keeping an old value after a re-read ahead of the
 * change tail (once in about a thousand tries, on H2); that and its twin in relation sets are
 * forced in {@code EngineBugReproductionTest}.
 */
class RelationalEnginePropertiesTest {
  @Group
  class OnH2 extends RelationalEngineProperties {
    OnH2() {
      super(Backend.H2);
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
    void liveResultsAgreeWithStorageAndShowNothingTheRulesHide(@ForAll("worlds") BoardWorld world,
        @ForAll("batches") List<List<BoardWrite>> batches, @ForAll("joins") int joinAfter,
        @ForAll("leaves") int leaveAfter) {
      check(world, batches, joinAfter, leaveAfter);
    }

    @Property(tries = 10, edgeCases = EdgeCasesMode.NONE)
    void liveResultsCatchUpWithWritesRacingTheirReads(@ForAll("worlds") BoardWorld world,
        @ForAll("batches") List<List<BoardWrite>> batches, @ForAll("joins") int joinAfter,
        @ForAll("leaves") int leaveAfter) {
      race(world, batches, joinAfter, leaveAfter);
    }
  }

  @Group
  @AddLifecycleHook(ConditionMatcherPropertiesTest.PostgresRequired.class)
  class OnPostgreSQL extends RelationalEngineProperties {
    OnPostgreSQL() {
      super(Backend.POSTGRESQL);
    }

    @Property(tries = 15, edgeCases = EdgeCasesMode.NONE)
    void liveResultsAgreeWithStorageAndShowNothingTheRulesHide(@ForAll("worlds") BoardWorld world,
        @ForAll("batches") List<List<BoardWrite>> batches, @ForAll("joins") int joinAfter,
        @ForAll("leaves") int leaveAfter) {
      check(world, batches, joinAfter, leaveAfter);
    }

    @Property(tries = 5, edgeCases = EdgeCasesMode.NONE)
    void liveResultsCatchUpWithWritesRacingTheirReads(@ForAll("worlds") BoardWorld world,
        @ForAll("batches") List<List<BoardWrite>> batches, @ForAll("joins") int joinAfter,
        @ForAll("leaves") int leaveAfter) {
      race(world, batches, joinAfter, leaveAfter);
    }
  }
}

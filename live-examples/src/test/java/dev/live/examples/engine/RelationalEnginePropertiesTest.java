package dev.live.examples.engine;

import dev.live.examples.storage.Backend;
import java.util.List;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * {@link RelationalEngineProperties} on each database. A try costs a new database, some forty
 * subscriptions and, per batch, a run of every query on storage: H2 takes more tries than
 * PostgreSQL, whose group is skipped outside CI when none is reachable (as the storage suite's).
 */
class RelationalEnginePropertiesTest {
  @Group
  class OnH2 extends RelationalEngineProperties {
    OnH2() {
      super(Backend.H2);
    }

    @Property(tries = 25, edgeCases = EdgeCasesMode.NONE)
    void liveResultsAgreeWithStorageAndShowNothingTheRulesHide(@ForAll("worlds") BoardWorld world,
        @ForAll("batches") List<List<BoardWrite>> batches, @ForAll("joins") int joinAfter,
        @ForAll("leaves") int leaveAfter) {
      check(world, batches, joinAfter, leaveAfter);
    }
  }

  @Group
  @AddLifecycleHook(ConditionMatcherPropertiesTest.PostgresRequired.class)
  class OnPostgreSQL extends RelationalEngineProperties {
    OnPostgreSQL() {
      super(Backend.POSTGRESQL);
    }

    @Property(tries = 10, edgeCases = EdgeCasesMode.NONE)
    void liveResultsAgreeWithStorageAndShowNothingTheRulesHide(@ForAll("worlds") BoardWorld world,
        @ForAll("batches") List<List<BoardWrite>> batches, @ForAll("joins") int joinAfter,
        @ForAll("leaves") int leaveAfter) {
      check(world, batches, joinAfter, leaveAfter);
    }
  }
}

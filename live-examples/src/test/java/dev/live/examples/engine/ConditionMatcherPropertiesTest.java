package dev.live.examples.engine;

import dev.live.examples.storage.Backend;
import dev.live.query.ValueOrder;
import net.jqwik.api.Group;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.opentest4j.TestAbortedException;

/**
 * {@link AgreementProperties} on each database, with its {@link ValueOrder}. jqwik does not run
 * JUnit's parameterized classes, so each database is a group; PostgreSQL's is skipped, as in the
 * storage suite, when none is reachable outside CI.
 */
class ConditionMatcherPropertiesTest {
  @Group
  class OnH2 extends AgreementProperties {
    OnH2() {
      super(Backend.H2, ValueOrder.H2);
    }
  }

  @Group
  @AddLifecycleHook(PostgresRequired.class)
  class OnPostgreSQL extends AgreementProperties {
    OnPostgreSQL() {
      super(Backend.POSTGRESQL, ValueOrder.POSTGRESQL);
    }
  }

  /**
   * Skips the group when {@link Backend} would skip a JUnit test (and fails it in CI, as Backend
   * does): jqwik reports an abort in {@code @BeforeProperty} as an error, not as a skip.
   */
  static final class PostgresRequired implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      try {
        Backend.POSTGRESQL.create().close();
        return SkipResult.doNotSkip();
      } catch (TestAbortedException e) {
        return SkipResult.skip(e.getMessage());
      }
    }
  }
}

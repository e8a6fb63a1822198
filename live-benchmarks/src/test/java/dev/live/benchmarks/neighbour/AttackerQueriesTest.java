package dev.live.benchmarks.neighbour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.examples.board.AppSchema;
import dev.live.query.QueryJson;
import dev.live.query.QueryLimits;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attacker stays within the documented limits: 1,000 distinct queries, each one the server takes. */
class AttackerQueriesTest {
  @Test
  void aThousandDistinctQueriesWithinTheDefaultLimits() {
    List<String> queries = AttackerQueries.all(1_000);

    assertThat(queries).hasSize(1_000);
    assertThat(new HashSet<>(queries)).hasSize(1_000);
    for (String query : queries) {
      assertThat(QueryJson.decode(AppSchema.INSTANCE, query, QueryLimits.DEFAULT).collection().name()).isEqualTo("tasks");
    }
  }
}

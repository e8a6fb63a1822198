package dev.live.client;

import dev.live.query.Include;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One row of a result as the client holds it: the row's id (its record is in the {@link
 * RowCache}, shared by every subscription that holds it) and, by include, the nodes of its
 * included rows: a node or null for a to-one include, a list for a to-many one.
 */
record ResultNode(Object id, Map<Include<?, ?>, Object> included) {
  ResultNode {
    included = Map.copyOf(included);
  }

  static ResultNode of(Object id) {
    return new ResultNode(id, Map.of());
  }

  @Nullable ResultNode toOne(Include<?, ?> include) {
    Object child = included.get(include);
    return child instanceof ResultNode node ? node : null;
  }

  @SuppressWarnings("unchecked")
  List<ResultNode> toMany(Include<?, ?> include) {
    Object children = included.get(include);
    return children instanceof List<?> list ? (List<ResultNode>) list : List.of();
  }
}

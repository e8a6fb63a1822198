package dev.live.storage;

import dev.live.query.ToOne;
import dev.live.schema.CollectionSchema;
import java.util.HashMap;
import java.util.Map;

/**
 * The FROM clause of one SELECT: a table under an alias, and the LEFT JOINs that conditions on
 * to-one relations add. A to-one join matches at most one row (it joins on the target's primary
 * key), so it never duplicates result rows; one join serves every condition on the same path.
 */
final class FromClause {
  private final Aliases aliases;
  private final String alias;
  private final StringBuilder sql = new StringBuilder();
  private final Map<String, String> joinsByPath = new HashMap<>();

  FromClause(Aliases aliases, CollectionSchema<?> collection) {
    this.aliases = aliases;
    this.alias = aliases.next("t");
    sql.append(SqlNames.quote(collection.table())).append(' ').append(alias);
  }

  /** The alias of the clause's own table. */
  String alias() {
    return alias;
  }

  /** The alias of {@code relation}'s target joined to the row under {@code fromAlias}. */
  String join(String fromAlias, ToOne<?, ?> relation) {
    String path = fromAlias + "." + relation.name();
    String existing = joinsByPath.get(path);
    if (existing != null) {
      return existing;
    }
    String joined = aliases.next("j");
    sql.append(" LEFT JOIN ").append(SqlNames.quote(relation.target().table())).append(' ').append(joined)
        .append(" ON ").append(TableSql.column(joined, relation.target().id()))
        .append(" = ").append(TableSql.column(fromAlias, relation.foreignKey()));
    joinsByPath.put(path, joined);
    return joined;
  }

  @Override
  public String toString() {
    return sql.toString();
  }

  /** Hands out the aliases of one statement: {@code t0}, {@code j1}, {@code s2}, ... */
  static final class Aliases {
    private int next;

    String next(String prefix) {
      return prefix + next++;
    }
  }
}

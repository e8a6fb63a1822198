package dev.live.storage;

import dev.live.query.And;
import dev.live.query.Comparison;
import dev.live.query.Condition;
import dev.live.query.Field;
import dev.live.query.In;
import dev.live.query.Not;
import dev.live.query.NullCheck;
import dev.live.query.Or;
import dev.live.query.RelationMatch;
import dev.live.query.TextMatch;
import dev.live.query.ToMany;
import dev.live.query.ToOne;
import java.util.List;

/**
 * Writes a {@link Condition} as an SQL boolean expression with parameters.
 *
 * <p>Live's conditions are two-valued (a comparison with null is false, {@code not} is the
 * complement), and SQL's are three-valued. Each atom on a nullable column is therefore written
 * {@code (c IS NOT NULL AND c = ?)}, which is false rather than unknown for null, so {@code NOT}
 * and {@code OR} over it mean what they mean in memory. To-one matches are LEFT JOINs guarded by
 * the target's id; to-many matches are {@code EXISTS} subqueries, which never duplicate a parent.
 */
final class ConditionSql {
  private final FromClause.Aliases aliases;
  private final List<SqlParam> params;

  ConditionSql(FromClause.Aliases aliases, List<SqlParam> params) {
    this.aliases = aliases;
    this.params = params;
  }

  /** Appends {@code condition} on the row under {@code alias} in {@code from}. */
  void append(StringBuilder sql, Condition<?> condition, FromClause from, String alias) {
    if (condition instanceof Comparison<?, ?> comparison) {
      comparison(sql, comparison, alias);
    } else if (condition instanceof In<?, ?> in) {
      in(sql, in, alias);
    } else if (condition instanceof NullCheck<?> check) {
      sql.append(TableSql.column(alias, check.field())).append(check.isNull() ? " IS NULL" : " IS NOT NULL");
    } else if (condition instanceof TextMatch<?> match) {
      textMatch(sql, match, alias);
    } else if (condition instanceof And<?> and) {
      all(sql, and.conditions(), " AND ", from, alias);
    } else if (condition instanceof Or<?> or) {
      all(sql, or.conditions(), " OR ", from, alias);
    } else if (condition instanceof Not<?> not) {
      sql.append("NOT (");
      append(sql, not.condition(), from, alias);
      sql.append(')');
    } else if (condition instanceof RelationMatch<?, ?> match) {
      relation(sql, match, from, alias);
    } else {
      throw new IllegalArgumentException("no SQL for condition " + condition);
    }
  }

  private void comparison(StringBuilder sql, Comparison<?, ?> comparison, String alias) {
    String column = TableSql.column(alias, comparison.field());
    String operator;
    switch (comparison.operator()) {
      case EQ:
      case NE:
        operator = " = ?";
        break;
      case GT:
        operator = " > ?";
        break;
      case GTE:
        operator = " >= ?";
        break;
      case LT:
        operator = " < ?";
        break;
      case LTE:
        operator = " <= ?";
        break;
      default:
        throw new IllegalArgumentException("no SQL for operator " + comparison.operator());
    }
    // ne is not(eq), so it matches null: the NOT goes around the null guard.
    boolean negate = comparison.operator() == Comparison.Operator.NE;
    sql.append(negate ? "NOT (" : "");
    guarded(sql, comparison.field(), column, column + operator);
    sql.append(negate ? ")" : "");
    params.add(new SqlParam.Value(comparison.field(), comparison.value()));
  }

  private void in(StringBuilder sql, In<?, ?> in, String alias) {
    if (in.values().isEmpty()) {
      sql.append("1 = 0");
      return;
    }
    String column = TableSql.column(alias, in.field());
    StringBuilder list = new StringBuilder(column).append(" IN (");
    for (int i = 0; i < in.values().size(); i++) {
      list.append(i == 0 ? "?" : ", ?");
      params.add(new SqlParam.Value(in.field(), in.values().get(i)));
    }
    guarded(sql, in.field(), column, list.append(')').toString());
  }

  private void textMatch(StringBuilder sql, TextMatch<?> match, String alias) {
    String column = TableSql.column(alias, match.field());
    guarded(sql, match.field(), column, column + " LIKE ? ESCAPE '!'");
    String literal = likeLiteral(match.text());
    params.add(new SqlParam.Text(match.operator() == TextMatch.Operator.STARTS_WITH
        ? literal + "%" : "%" + literal + "%"));
  }

  /**
   * The text with LIKE's wildcards and the escape character escaped, so it matches itself. The
   * escape is {@code !}, not a backslash, whose meaning in a literal depends on PostgreSQL's
   * {@code standard_conforming_strings}.
   */
  static String likeLiteral(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  private static void guarded(StringBuilder sql, Field<?, ?> field, String column, String atom) {
    if (field.isNullable()) {
      sql.append('(').append(column).append(" IS NOT NULL AND ").append(atom).append(')');
    } else {
      sql.append(atom);
    }
  }

  private void all(StringBuilder sql, List<? extends Condition<?>> conditions, String separator,
      FromClause from, String alias) {
    sql.append('(');
    for (int i = 0; i < conditions.size(); i++) {
      sql.append(i == 0 ? "" : separator);
      append(sql, conditions.get(i), from, alias);
    }
    sql.append(')');
  }

  private void relation(StringBuilder sql, RelationMatch<?, ?> match, FromClause from, String alias) {
    if (match.relation() instanceof ToOne<?, ?> toOne) {
      String joined = from.join(alias, toOne);
      sql.append('(').append(TableSql.column(joined, toOne.target().id())).append(" IS NOT NULL AND ");
      append(sql, match.condition(), from, joined);
      sql.append(')');
      return;
    }
    ToMany<?, ?> toMany = (ToMany<?, ?>) match.relation();
    FromClause related = new FromClause(aliases, toMany.target());
    StringBuilder inner = new StringBuilder();
    boolean every = match.quantifier() == RelationMatch.Quantifier.EVERY;
    // every(c) holds when no related row fails c.
    inner.append(every ? "NOT (" : "");
    append(inner, match.condition(), related, related.alias());
    inner.append(every ? ")" : "");
    boolean exists = match.quantifier() == RelationMatch.Quantifier.SOME;
    sql.append(exists ? "EXISTS (" : "NOT EXISTS (")
        .append("SELECT 1 FROM ").append(related)
        .append(" WHERE ").append(TableSql.column(related.alias(), toMany.inverse().foreignKey()))
        .append(" = ").append(TableSql.column(alias, toMany.source().id()))
        .append(" AND ").append(inner).append(')');
  }
}

package dev.live.examples.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.error.ErrorCode;
import dev.live.json.DecodeException;
import dev.live.query.Condition;
import dev.live.query.QueryJson;
import dev.live.query.QueryLimits;
import dev.live.query.QuerySpec;
import dev.live.query.TypedQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Queries travel as JSON and come back equal; bad queries from clients get typed errors. */
class QueryJsonTest {
  static Stream<TypedQuery<?, ?>> queries() {
    Instant now = Instant.parse("2026-11-22T10:00:00Z");
    return Stream.of(
        TaskQuery.all(),
        TaskQuery.where(Task_.status.ne(Status.DONE)).orderBy(Task_.due.asc(), Task_.title.desc().nullsLast()).limit(20),
        TaskQuery.where(Task_.title.startsWith("Ship").and(Task_.title.contains("it")))
            .or(Task_.checklist.isNotNull().and(Task_.assigneeId.isNull())),
        TaskQuery.where(Condition.not(Task_.status.in(Status.TODO, Status.DOING)))
            .and(Task_.position.gte(1)).and(Task_.position.lte(9)).and(Task_.estimate.gt(0.5))
            .and(Task_.revision.lt(9_000_000_000L)).and(Task_.due.eq(now)),
        TaskQuery.where(Task_.assignee.is(User_.name.eq("Ann").and(User_.role.eq(Role.ADMIN))))
            .and(Task_.checklist.isNull()),
        UserQuery.where(User_.assignedTasks.some(Task_.status.eq(Status.DOING)))
            .and(User_.assignedTasks.none(Task_.due.lt(now)))
            .and(User_.assignedTasks.every(Task_.board.is(Board_.teamId.eq("team1")))),
        TaskQuery.all().include(Task_.assignee.include(User_.team), Task_.board,
            Task_.comments.where(Comment_.body.contains("!")).orderBy(Comment_.createdAt.desc()).limit(3)
                .include(Comment_.author)),
        TaskQuery.where(Task_.status.eq(Status.DONE)).orderBy(Task_.due.desc()).first(),
        TaskQuery.all().include(Task_.board).one("t1"),
        CommentQuery.all().one(UUID.fromString("123e4567-e89b-12d3-a456-426614174000")),
        BoardQuery.where(Board_.budget.gt(new BigDecimal("10.50"))).and(Board_.deadline.lt(LocalDate.of(2027, 1, 1))),
        TeamQuery.where(Team_.name.in(List.of("a", "b\"c", "日本"))).and(Team_.name.in(List.of())));
  }

  @ParameterizedTest
  @MethodSource("queries")
  void typedQueryRoundTripsThroughItsWireForm(TypedQuery<?, ?> query) {
    QuerySpec<?> back = QueryJson.decode(AppSchema.INSTANCE, query.toJson());
    assertThat(back).isEqualTo(query.spec());
    assertThat(QueryJson.encode(back)).isEqualTo(query.toJson());
  }

  @Test
  void wireFormIsStable() {
    String json = TaskQuery.where(Task_.status.ne(Status.DONE)).orderBy(Task_.due.asc()).limit(20)
        .include(Task_.assignee).toJson();
    assertThat(json).isEqualTo("{\"collection\":\"tasks\","
        + "\"where\":{\"op\":\"ne\",\"field\":\"status\",\"value\":\"DONE\"},"
        + "\"orderBy\":[{\"field\":\"due\",\"direction\":\"asc\",\"nulls\":\"last\"}],"
        + "\"limit\":20,"
        + "\"include\":[{\"relation\":\"assignee\"}]}");
  }

  @Test
  void membersMayComeInAnyOrder() {
    String json = "{\"include\":[{\"limit\":2,\"where\":{\"value\":\"x\",\"op\":\"eq\",\"field\":\"body\"},"
        + "\"relation\":\"comments\"}],"
        + "\"where\":{\"where\":{\"field\":\"name\",\"value\":\"Ann\",\"op\":\"eq\"},\"op\":\"is\",\"relation\":\"assignee\"},"
        + "\"orderBy\":[{\"nulls\":\"first\",\"field\":\"position\"}],"
        + "\"collection\":\"tasks\"}";
    QuerySpec<?> expected = TaskQuery.where(Task_.assignee.is(User_.name.eq("Ann")))
        .orderBy(Task_.position.asc().nullsFirst())
        .include(Task_.comments.where(Comment_.body.eq("x")).limit(2)).spec();
    assertThat(QueryJson.decode(AppSchema.INSTANCE, json)).isEqualTo(expected);
  }

  @Test
  void errorsInBufferedMembersPointAtWhereTheMemberStarted() {
    String json = "{\"where\":\n  {\"op\":\"eq\",\"field\":\"position\",\"value\":\"x\"},\n\"collection\":\"tasks\"}";
    assertRejected(json, ErrorCode.WRONG_TYPE, "where.value", "expected an integer but found a string");
    assertThatThrownBy(() -> QueryJson.decode(AppSchema.INSTANCE, json))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.line()).isEqualTo(2));
  }

  @Test
  void unknownNamesAreRefusedWithSuggestions() {
    assertRejected("{\"collection\":\"taks\"}", ErrorCode.UNKNOWN_COLLECTION, "collection",
        "unknown collection 'taks'; did you mean 'tasks'?; the schema has: boards, comments, tasks, teams, users");
    assertRejected(where("{\"op\":\"eq\",\"field\":\"titel\",\"value\":\"x\"}"), ErrorCode.UNKNOWN_FIELD,
        "where.field", "collection tasks has no field 'titel'; did you mean 'title'?");
    assertRejected(where("{\"op\":\"is\",\"relation\":\"owner\",\"where\":{\"op\":\"isNull\",\"field\":\"email\"}}"),
        ErrorCode.UNKNOWN_RELATION, "where.relation", "collection tasks has no relation 'owner'");
    assertRejected(where("{\"op\":\"like\",\"field\":\"title\",\"value\":\"x\"}"), ErrorCode.UNKNOWN_OPERATOR,
        "where.op", "unknown operator 'like'");
    assertRejected("{\"collection\":\"tasks\",\"select\":[]}", ErrorCode.UNKNOWN_FIELD, "select",
        "not a member of a query; expected one of: collection, id, first, where, orderBy, limit, include");
    assertRejected("{\"collection\":\"tasks\",\"include\":[{\"relation\":\"watchers\"}]}", ErrorCode.UNKNOWN_RELATION,
        "include[0].relation", "has no relation 'watchers'");
  }

  @Test
  void operatorsMustFitTheFieldType() {
    assertRejected(where("{\"op\":\"gt\",\"field\":\"status\",\"value\":\"TODO\"}"), ErrorCode.OPERATOR_NOT_ALLOWED,
        "where", "operator 'gt' does not apply to field 'status' (ENUM); it takes: eq, ne, in");
    assertRejected(where("{\"op\":\"startsWith\",\"field\":\"position\",\"value\":1}"),
        ErrorCode.OPERATOR_NOT_ALLOWED, "where", "does not apply to field 'position'");
    assertRejected(where("{\"op\":\"isNull\",\"field\":\"title\"}"), ErrorCode.OPERATOR_NOT_ALLOWED, "where",
        "does not apply to field 'title' (STRING)");
    assertRejected(where("{\"op\":\"eq\",\"field\":\"labels\",\"value\":[]}"), ErrorCode.OPERATOR_NOT_ALLOWED,
        "where", "field 'labels' (JSON); no operator applies to it");
    assertRejected(where("{\"op\":\"some\",\"relation\":\"assignee\",\"where\":{\"op\":\"isNull\",\"field\":\"email\"}}"),
        ErrorCode.OPERATOR_NOT_ALLOWED, "where", "operator 'some' does not apply to to-one relation 'assignee'; it takes: is");
    assertRejected("{\"collection\":\"users\",\"where\":{\"op\":\"is\",\"relation\":\"assignedTasks\","
        + "\"where\":{\"op\":\"eq\",\"field\":\"title\",\"value\":\"x\"}}}", ErrorCode.OPERATOR_NOT_ALLOWED, "where",
        "it takes: some, none, every");
    assertRejected("{\"collection\":\"tasks\",\"orderBy\":[{\"field\":\"labels\"}]}", ErrorCode.OPERATOR_NOT_ALLOWED,
        "orderBy[0].field", "field 'labels' cannot be sorted");
  }

  @Test
  void valuesMustHaveTheFieldsType() {
    assertRejected(where("{\"op\":\"eq\",\"field\":\"due\",\"value\":\"yesterday\"}"), ErrorCode.INVALID_VALUE,
        "where.value", "is not an ISO-8601 instant");
    assertRejected(where("{\"op\":\"in\",\"field\":\"status\",\"values\":[\"TODO\",7]}"), ErrorCode.WRONG_TYPE,
        "where.values[1]", "expected a string but found a number");
    assertRejected(where("{\"op\":\"eq\",\"field\":\"title\",\"value\":null}"), ErrorCode.NULL_NOT_ALLOWED,
        "where.value", "use the operators isNull and isNotNull");
    assertRejected("{\"collection\":\"comments\",\"id\":\"c1\"}", ErrorCode.INVALID_VALUE, "id", "is not a UUID");
  }

  @Test
  void conditionsMustHaveTheirMembersAndNoOthers() {
    assertRejected(where("{\"field\":\"title\",\"value\":\"x\"}"), ErrorCode.MISSING_FIELD, "where",
        "missing required field: op");
    assertRejected(where("{\"op\":\"eq\",\"field\":\"title\"}"), ErrorCode.MISSING_FIELD, "where",
        "missing required field: value");
    assertRejected(where("{\"op\":\"eq\",\"value\":\"x\"}"), ErrorCode.MISSING_FIELD, "where.value",
        "'value' needs 'field', which is missing");
    assertRejected(where("{\"op\":\"eq\",\"field\":\"title\",\"value\":\"x\",\"values\":[]}"), ErrorCode.UNKNOWN_FIELD,
        "where.values", "not a member of an 'eq' condition, which takes: op, field, value");
    assertRejected(where("{\"op\":\"and\",\"conditions\":[]}"), ErrorCode.INVALID_QUERY, "where.conditions",
        "'and' needs at least one condition");
    assertRejected(where("{\"op\":\"eq\",\"op\":\"ne\"}"), ErrorCode.DUPLICATE_FIELD, "where.op", "more than once");
  }

  @Test
  void queryShapeRulesAreEnforced() {
    assertRejected("{\"where\":{\"op\":\"isNull\",\"field\":\"due\"}}", ErrorCode.MISSING_FIELD, "",
        "missing required field: collection");
    assertRejected("{\"collection\":\"tasks\",\"limit\":0}", ErrorCode.INVALID_QUERY, "limit", "at least 1");
    assertRejected("{\"collection\":\"tasks\",\"first\":true,\"id\":\"t1\"}", ErrorCode.INVALID_QUERY, "",
        "not both");
    assertRejected("{\"collection\":\"tasks\",\"first\":true,\"limit\":3}", ErrorCode.INVALID_QUERY, "limit",
        "takes no limit");
    assertRejected("{\"collection\":\"tasks\",\"include\":[{\"relation\":\"board\",\"limit\":1}]}",
        ErrorCode.INVALID_QUERY, "include[0]", "is to-one");
    assertRejected("{\"collection\":\"tasks\",\"include\":[{\"relation\":\"board\"},{\"relation\":\"board\"}]}",
        ErrorCode.INVALID_QUERY, "include[1]", "included twice");
    assertRejected("{\"collection\":\"tasks\",\"orderBy\":[{\"field\":\"due\",\"direction\":\"up\"}]}",
        ErrorCode.INVALID_VALUE, "orderBy[0].direction", "expected \"asc\" or \"desc\"");
    assertRejected("{\"collection\":\"tasks\"} []", ErrorCode.MALFORMED_JSON, "", "unexpected content");
    assertRejected("{\"collection\":", ErrorCode.MALFORMED_JSON, "", "");
    assertRejected("[]", ErrorCode.WRONG_TYPE, "", "expected an object but found an array");
  }

  @Test
  void limitsBoundTheWorkOneQueryCanAsk() {
    QueryLimits tight = new QueryLimits(3, 10, 2, 50, 1);
    String deep = "{\"op\":\"not\",\"condition\":{\"op\":\"not\",\"condition\":{\"op\":\"not\",\"condition\":"
        + "{\"op\":\"isNull\",\"field\":\"due\"}}}}";
    assertRejected(where(deep), tight, ErrorCode.LIMIT_EXCEEDED, "where.condition.condition.condition",
        "conditions nest deeper than 3 levels");
    assertRejected(where("{\"op\":\"in\",\"field\":\"title\",\"values\":[\"a\",\"b\",\"c\"]}"), tight,
        ErrorCode.LIMIT_EXCEEDED, "where.values", "more than 2 values in one 'in'");
    assertRejected("{\"collection\":\"tasks\",\"limit\":51}", tight, ErrorCode.LIMIT_EXCEEDED, "limit",
        "exceeds the maximum of 50");
    assertRejected("{\"collection\":\"tasks\",\"include\":[{\"relation\":\"board\",\"include\":[{\"relation\":\"team\"}]}]}",
        tight, ErrorCode.LIMIT_EXCEEDED, "include[0].include", "includes nest deeper than 1 levels");
    StringBuilder many = new StringBuilder("{\"op\":\"or\",\"conditions\":[");
    for (int i = 0; i < 12; i++) {
      many.append(i == 0 ? "" : ",").append("{\"op\":\"isNull\",\"field\":\"due\"}");
    }
    assertRejected(where(many.append("]}").toString()), tight, ErrorCode.LIMIT_EXCEEDED, "where.conditions[9]",
        "more than 10 conditions");
  }

  @Test
  void jacksonsOwnLimitsAreTypedErrorsToo() {
    // A member read before "collection" is buffered whole, so Jackson's nesting limit applies to it.
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertRejected("{\"where\":" + deep + ",\"collection\":\"tasks\"}", ErrorCode.LIMIT_EXCEEDED, "where", "depth");
  }

  private static String where(String condition) {
    return "{\"collection\":\"tasks\",\"where\":" + condition + "}";
  }

  private static void assertRejected(String json, ErrorCode code, String path, String problem) {
    assertRejected(json, QueryLimits.DEFAULT, code, path, problem);
  }

  private static void assertRejected(String json, QueryLimits limits, ErrorCode code, String path, String problem) {
    assertThatThrownBy(() -> QueryJson.decode(AppSchema.INSTANCE, json, limits))
        .isInstanceOfSatisfying(DecodeException.class, e -> {
          assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
          assertThat(e.path()).as(e.getMessage()).isEqualTo(path);
          assertThat(e.problem()).contains(problem);
        });
  }
}

package dev.live.examples.server;

import org.junit.jupiter.api.Test;

/**
 * One subscription per condition operator: each test moves a row into the filter and another out
 * of it, and the replayed subscription must equal a fresh query after every write. Board data:
 * t1 (b1, DOING, u1), t2 (b1, TODO, no assignee, no due), t3 (b1, DONE, u2), t4 (b2, TODO, u1),
 * t5 (b3, TODO, u3, no due); u1 is the only ADMIN.
 */
class WhereOperatorsTest extends ServerTestBase {

  @Test
  void eqFollowsTheFieldIntoAndOutOfTheValue() {
    String query = tasksWhere("{'op':'eq','field':'status','value':'DOING'}");
    WsClient ann = subscribed(query, "t1");
    update(ann, "tasks", "t2", "{'status':'DOING'}");
    awaitConverged(ann, "s", query, "t1", "t2");
    update(ann, "tasks", "t1", "{'status':'DONE'}");
    awaitConverged(ann, "s", query, "t2");
  }

  @Test
  void neMatchesNullsAndLosesARowThatTakesTheValue() {
    String query = tasksWhere("{'op':'ne','field':'assigneeId','value':'u1'}");
    WsClient ann = subscribed(query, "t2", "t3", "t5");
    update(ann, "tasks", "t1", "{'assigneeId':null}");
    awaitConverged(ann, "s", query, "t1", "t2", "t3", "t5");
    update(ann, "tasks", "t2", "{'assigneeId':'u1'}");
    awaitConverged(ann, "s", query, "t1", "t3", "t5");
  }

  @Test
  void inMatchesAnyOfItsValues() {
    String query = tasksWhere("{'op':'in','field':'status','values':['TODO','DONE']}");
    WsClient ann = subscribed(query, "t2", "t3", "t4", "t5");
    update(ann, "tasks", "t1", "{'status':'TODO'}");
    awaitConverged(ann, "s", query, "t1", "t2", "t3", "t4", "t5");
    update(ann, "tasks", "t3", "{'status':'DOING'}");
    awaitConverged(ann, "s", query, "t1", "t2", "t4", "t5");
  }

  @Test
  void emptyInMatchesNothingWhateverIsWritten() {
    String query = tasksWhere("{'op':'in','field':'boardId','values':[]}");
    WsClient ann = subscribed(query);
    insert(ann, "tasks", task("t9", "b1", "TODO", 9));
    update(ann, "tasks", "t1", "{'title':'Still not matching'}");
    awaitConverged(ann, "s", query);
  }

  @Test
  void notIsTheComplementOfItsCondition() {
    String query = tasksWhere("{'op':'not','condition':{'op':'eq','field':'boardId','value':'b1'}}");
    WsClient ann = subscribed(query, "t4", "t5");
    update(ann, "tasks", "t1", "{'boardId':'b2'}");
    awaitConverged(ann, "s", query, "t1", "t4", "t5");
    update(ann, "tasks", "t4", "{'boardId':'b1'}");
    awaitConverged(ann, "s", query, "t1", "t5");
  }

  @Test
  void rangeOperatorsIncludeTheBoundExactlyWhenTheirNameSays() {
    String gt = tasksWhere("{'op':'gt','field':'estimate','value':2.5}");
    String gte = tasksWhere("{'op':'gte','field':'estimate','value':2.5}");
    String lt = tasksWhere("{'op':'lt','field':'estimate','value':2.5}");
    String lte = tasksWhere("{'op':'lte','field':'estimate','value':2.5}");
    WsClient ann = client("ann");
    ann.subscribe("gt", gt);
    ann.subscribe("gte", gte);
    ann.subscribe("lt", lt);
    ann.subscribe("lte", lte);
    awaitConverged(ann, "gt", gt, "t4", "t5");
    awaitConverged(ann, "gte", gte, "t1", "t4", "t5");
    awaitConverged(ann, "lt", lt, "t2", "t3");
    awaitConverged(ann, "lte", lte, "t1", "t2", "t3");

    update(ann, "tasks", "t2", "{'estimate':2.5}"); // onto the bound
    awaitConverged(ann, "gt", gt, "t4", "t5");
    awaitConverged(ann, "gte", gte, "t1", "t2", "t4", "t5");
    awaitConverged(ann, "lt", lt, "t3");
    awaitConverged(ann, "lte", lte, "t1", "t2", "t3");

    update(ann, "tasks", "t2", "{'estimate':9.0}"); // above it
    update(ann, "tasks", "t4", "{'estimate':0.25}"); // below it
    awaitConverged(ann, "gt", gt, "t2", "t5");
    awaitConverged(ann, "gte", gte, "t1", "t2", "t5");
    awaitConverged(ann, "lt", lt, "t3", "t4");
    awaitConverged(ann, "lte", lte, "t1", "t3", "t4");
  }

  @Test
  void rangeOnANullableInstantNeverMatchesNull() {
    String query = tasksWhere("{'op':'lt','field':'due','value':'2026-12-02T00:00:00Z'}");
    WsClient ann = subscribed(query, "t1", "t3");
    update(ann, "tasks", "t1", "{'due':null}");
    awaitConverged(ann, "s", query, "t3");
    update(ann, "tasks", "t2", "{'due':'2026-12-01T23:59:59.999999Z'}");
    awaitConverged(ann, "s", query, "t2", "t3");
  }

  @Test
  void andNeedsEveryConditionAndOrAny() {
    String and = tasksWhere("{'op':'and','conditions':[{'op':'eq','field':'boardId','value':'b1'},"
        + "{'op':'ne','field':'status','value':'DONE'}]}");
    String or = tasksWhere("{'op':'or','conditions':[{'op':'eq','field':'status','value':'DONE'},"
        + "{'op':'isNull','field':'assigneeId'}]}");
    WsClient ann = client("ann");
    ann.subscribe("and", and);
    ann.subscribe("or", or);
    awaitConverged(ann, "and", and, "t1", "t2");
    awaitConverged(ann, "or", or, "t2", "t3");

    update(ann, "tasks", "t3", "{'status':'TODO'}");
    awaitConverged(ann, "and", and, "t1", "t2", "t3");
    awaitConverged(ann, "or", or, "t2");

    update(ann, "tasks", "t1", "{'boardId':'b2','assigneeId':null}");
    awaitConverged(ann, "and", and, "t2", "t3");
    awaitConverged(ann, "or", or, "t1", "t2");
  }

  @Test
  void startsWithAndContainsAreCaseSensitiveSubstringTests() {
    String startsWith = tasksWhere("{'op':'startsWith','field':'title','value':'Fix'}");
    String contains = tasksWhere("{'op':'contains','field':'title','value':'the'}");
    WsClient ann = client("ann");
    ann.subscribe("starts", startsWith);
    ann.subscribe("contains", contains);
    awaitConverged(ann, "starts", startsWith, "t2");
    awaitConverged(ann, "contains", contains, "t1", "t2", "t3");

    update(ann, "tasks", "t4", "{'title':'Fix the billing'}");
    update(ann, "tasks", "t5", "{'title':'fix THE plan'}"); // other case: matches neither
    awaitConverged(ann, "starts", startsWith, "t2", "t4");
    awaitConverged(ann, "contains", contains, "t1", "t2", "t3", "t4");

    update(ann, "tasks", "t2", "{'title':'Signup form'}");
    awaitConverged(ann, "starts", startsWith, "t4");
    awaitConverged(ann, "contains", contains, "t1", "t3", "t4");
  }

  @Test
  void likeWildcardsInTheTextAreMatchedAsPlainCharacters() {
    String query = tasksWhere("{'op':'contains','field':'title','value':'_%'}");
    WsClient ann = subscribed(query);
    update(ann, "tasks", "t1", "{'title':'a_b%c'}"); // would match an unescaped LIKE '%_%%'
    update(ann, "tasks", "t5", "{'title':'Plan_%Q1'}");
    awaitConverged(ann, "s", query, "t5");
    update(ann, "tasks", "t5", "{'title':'Plan Q1'}");
    awaitConverged(ann, "s", query);
  }

  @Test
  void isNullAndIsNotNullSplitTheRowsAndFollowTheField() {
    String isNull = tasksWhere("{'op':'isNull','field':'due'}");
    String isNotNull = tasksWhere("{'op':'isNotNull','field':'due'}");
    WsClient ann = client("ann");
    ann.subscribe("null", isNull);
    ann.subscribe("notNull", isNotNull);
    awaitConverged(ann, "null", isNull, "t2", "t5");
    awaitConverged(ann, "notNull", isNotNull, "t1", "t3", "t4");

    update(ann, "tasks", "t2", "{'due':'2026-12-10T10:00:00Z'}");
    update(ann, "tasks", "t1", "{'due':null}");
    awaitConverged(ann, "null", isNull, "t1", "t5");
    awaitConverged(ann, "notNull", isNotNull, "t2", "t3", "t4");
  }

  @Test
  void isThroughAToOneFollowsChangesOfTheRelatedRow() {
    String query = tasksWhere("{'op':'is','relation':'assignee','where':{'op':'eq','field':'role','value':'ADMIN'}}");
    WsClient ann = subscribed(query, "t1", "t4");

    update(ann, "users", "u2", "{'role':'ADMIN'}"); // Bob's task enters
    awaitConverged(ann, "s", query, "t1", "t3", "t4");
    update(ann, "users", "u1", "{'role':'MEMBER'}"); // Ann's tasks leave
    awaitConverged(ann, "s", query, "t3");
    update(ann, "tasks", "t2", "{'assigneeId':'u2'}"); // a task re-pointed at an admin enters
    awaitConverged(ann, "s", query, "t2", "t3");
    update(ann, "tasks", "t3", "{'assigneeId':null}"); // no target: `is` does not hold
    awaitConverged(ann, "s", query, "t2");
  }

  @Test
  void someThroughAToManyFollowsChangesOfTheRelatedRows() {
    String query = boardsWhere("{'op':'some','relation':'tasks','where':{'op':'eq','field':'status','value':'DOING'}}");
    WsClient ann = subscribed(query, "b1");

    update(ann, "tasks", "t4", "{'status':'DOING'}");
    awaitConverged(ann, "s", query, "b1", "b2");
    update(ann, "tasks", "t1", "{'status':'DONE'}");
    awaitConverged(ann, "s", query, "b2");
    insert(ann, "tasks", task("t9", "b3", "DOING", 9));
    awaitConverged(ann, "s", query, "b2", "b3");
    delete(ann, "tasks", "t9");
    awaitConverged(ann, "s", query, "b2");
  }

  @Test
  void noneHoldsUntilARelatedRowMatches() {
    String query = boardsWhere("{'op':'none','relation':'tasks','where':{'op':'eq','field':'status','value':'DONE'}}");
    WsClient ann = subscribed(query, "b2", "b3");

    update(ann, "tasks", "t3", "{'status':'TODO'}");
    awaitConverged(ann, "s", query, "b1", "b2", "b3");
    update(ann, "tasks", "t5", "{'status':'DONE'}");
    awaitConverged(ann, "s", query, "b1", "b2");
  }

  @Test
  void everyHoldsForBoardsWithoutTasksAndFailsOnOneNonMatchingTask() {
    String query = boardsWhere("{'op':'every','relation':'tasks','where':{'op':'eq','field':'status','value':'TODO'}}");
    WsClient ann = subscribed(query, "b2", "b3");

    insert(ann, "boards", "{'id':'b4','title':'Empty','teamId':'team1','createdAt':'2026-11-22T09:00:00Z'}");
    awaitConverged(ann, "s", query, "b2", "b3", "b4");
    update(ann, "tasks", "t5", "{'status':'DOING'}");
    awaitConverged(ann, "s", query, "b2", "b4");
    update(ann, "tasks", "t1", "{'status':'TODO'}");
    update(ann, "tasks", "t3", "{'status':'TODO'}");
    awaitConverged(ann, "s", query, "b1", "b2", "b4");
    insert(ann, "tasks", task("t9", "b4", "DONE", 1));
    awaitConverged(ann, "s", query, "b1", "b2");
  }

  /** A client subscribed to {@code query} as "s", whose snapshot holds rows with {@code ids}. */
  private WsClient subscribed(String query, String... ids) {
    WsClient ann = client("ann");
    ann.subscribe("s", query);
    awaitConverged(ann, "s", query, ids);
    return ann;
  }

  private static String tasksWhere(String where) {
    return json("{'collection':'tasks','where':" + where + "}");
  }

  private static String boardsWhere(String where) {
    return json("{'collection':'boards','where':" + where + "}");
  }
}

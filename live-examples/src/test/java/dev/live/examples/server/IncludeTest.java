package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Includes stay current: a change of an included row updates the row that includes it, and a
 * re-pointed foreign key moves the included row from one parent to the other. Board data:
 * comments c1, c2, c3 on t1 (by u2, u1, u2, one minute apart), c4 on t3 (u1), c5 on t4 (u1).
 */
class IncludeTest extends ServerTestBase {
  private static final String C1 = "00000000-0000-0000-0000-000000000001";
  private static final String C2 = "00000000-0000-0000-0000-000000000002";
  private static final String C3 = "00000000-0000-0000-0000-000000000003";
  private static final String C9 = "00000000-0000-0000-0000-000000000009";

  private static final String B1_WITH_COMMENTS_AND_ASSIGNEE = json("{'collection':'tasks',"
      + "'where':{'op':'eq','field':'boardId','value':'b1'},"
      + "'include':[{'relation':'comments','orderBy':[{'field':'createdAt'}]},{'relation':'assignee'}]}");

  @Test
  void updateOfAnIncludedCommentUpdatesItsTask() {
    WsClient ann = subscribed(B1_WITH_COMMENTS_AND_ASSIGNEE, "t1", "t2", "t3");
    update(ann, "comments", C1, "{'body':'Second draft is up'}");
    awaitConverged(ann, "s", B1_WITH_COMMENTS_AND_ASSIGNEE, "t1", "t2", "t3");
    assertThat(bodies(row(ann, "s", "t1").path("comments")))
        .containsExactly("Second draft is up", "Thanks!", "One more pass?");
    JsonNode delta = ann.next(m -> m.path("type").asText().equals("delta"));
    assertThat(delta.path("changes")).as("only t1 changes: %s", delta).hasSize(1);
    assertThat(delta.path("changes").get(0).path("row").path("id").asText()).isEqualTo("t1");
  }

  @Test
  void insertAndDeleteOfIncludedCommentsUpdateTheirTask() {
    WsClient ann = subscribed(B1_WITH_COMMENTS_AND_ASSIGNEE, "t1", "t2", "t3");
    insert(ann, "comments", comment(C9, "t2", "u1", "New", "2026-11-22T09:30:00Z"));
    delete(ann, "comments", C2);
    awaitConverged(ann, "s", B1_WITH_COMMENTS_AND_ASSIGNEE, "t1", "t2", "t3");
    assertThat(bodies(row(ann, "s", "t1").path("comments"))).containsExactly("First draft is up", "One more pass?");
    assertThat(bodies(row(ann, "s", "t2").path("comments"))).containsExactly("New");
  }

  @Test
  void toOneIncludeFollowsChangesOfItsTarget() {
    WsClient ann = subscribed(B1_WITH_COMMENTS_AND_ASSIGNEE, "t1", "t2", "t3");
    update(ann, "users", "u1", "{'name':'Annie'}");
    awaitConverged(ann, "s", B1_WITH_COMMENTS_AND_ASSIGNEE, "t1", "t2", "t3");
    assertThat(row(ann, "s", "t1").path("assignee").path("name").asText()).isEqualTo("Annie");
    assertThat(row(ann, "s", "t3").path("assignee").path("name").asText()).isEqualTo("Bob");

    update(ann, "tasks", "t2", "{'assigneeId':'u2'}"); // from no target to one
    update(ann, "tasks", "t1", "{'assigneeId':null}"); // and from one to none
    awaitConverged(ann, "s", B1_WITH_COMMENTS_AND_ASSIGNEE, "t1", "t2", "t3");
    assertThat(row(ann, "s", "t1").path("assignee").isNull()).isTrue();
    assertThat(row(ann, "s", "t2").path("assignee").path("name").asText()).isEqualTo("Bob");
  }

  @Test
  void commentMovedToAnotherTaskLeavesOneParentAndJoinsTheOther() {
    WsClient ann = subscribed(B1_WITH_COMMENTS_AND_ASSIGNEE, "t1", "t2", "t3");
    update(ann, "comments", C3, "{'taskId':'t2'}");
    awaitConverged(ann, "s", B1_WITH_COMMENTS_AND_ASSIGNEE, "t1", "t2", "t3");
    assertThat(bodies(row(ann, "s", "t1").path("comments"))).containsExactly("First draft is up", "Thanks!");
    assertThat(bodies(row(ann, "s", "t2").path("comments"))).containsExactly("One more pass?");

    update(ann, "comments", C1, "{'taskId':'t4'}"); // out of the subscription's scope entirely
    awaitConverged(ann, "s", B1_WITH_COMMENTS_AND_ASSIGNEE, "t1", "t2", "t3");
    assertThat(bodies(row(ann, "s", "t1").path("comments"))).containsExactly("Thanks!");
  }

  @Test
  void toManyIncludeKeepsItsWhereOrderAndLimitPerParent() {
    String query = json("{'collection':'tasks','include':[{'relation':'comments',"
        + "'where':{'op':'eq','field':'authorId','value':'u2'},"
        + "'orderBy':[{'field':'createdAt','direction':'desc'}],'limit':1}]}");
    WsClient ann = subscribed(query, "t1", "t2", "t3", "t4", "t5");
    assertThat(bodies(row(ann, "s", "t1").path("comments"))).containsExactly("One more pass?");
    assertThat(bodies(row(ann, "s", "t3").path("comments"))).isEmpty(); // c4 is by u1

    insert(ann, "comments", comment(C9, "t1", "u2", "Latest", "2026-11-22T09:10:00Z"));
    awaitConverged(ann, "s", query, "t1", "t2", "t3", "t4", "t5");
    assertThat(bodies(row(ann, "s", "t1").path("comments"))).containsExactly("Latest");

    update(ann, "comments", C9, "{'authorId':'u1'}"); // out of the include's where: c3 is back
    awaitConverged(ann, "s", query, "t1", "t2", "t3", "t4", "t5");
    assertThat(bodies(row(ann, "s", "t1").path("comments"))).containsExactly("One more pass?");

    update(ann, "comments", C1, "{'createdAt':'2026-11-22T10:00:00Z'}"); // reordered to the top
    awaitConverged(ann, "s", query, "t1", "t2", "t3", "t4", "t5");
    assertThat(bodies(row(ann, "s", "t1").path("comments"))).containsExactly("First draft is up");
  }

  @Test
  void toOneIncludeWithWhereAppearsOnlyWhileTheTargetMatches() {
    String query = json("{'collection':'tasks','where':{'op':'eq','field':'boardId','value':'b1'},"
        + "'include':[{'relation':'assignee','where':{'op':'eq','field':'role','value':'ADMIN'}}]}");
    WsClient ann = subscribed(query, "t1", "t2", "t3");
    assertThat(row(ann, "s", "t3").path("assignee").isNull()).as("Bob is no admin").isTrue();
    update(ann, "users", "u2", "{'role':'ADMIN'}");
    awaitConverged(ann, "s", query, "t1", "t2", "t3");
    assertThat(row(ann, "s", "t3").path("assignee").path("name").asText()).isEqualTo("Bob");
    update(ann, "users", "u1", "{'role':'MEMBER'}");
    awaitConverged(ann, "s", query, "t1", "t2", "t3");
    assertThat(row(ann, "s", "t1").path("assignee").isNull()).isTrue();
  }

  @Test
  void nestedIncludesFollowChangesTwoRelationsAway() {
    String query = json("{'collection':'boards','include':[{'relation':'tasks','orderBy':[{'field':'position'}],"
        + "'include':[{'relation':'assignee'}]}]}");
    WsClient ann = subscribed(query, "b1", "b2", "b3");
    update(ann, "users", "u1", "{'name':'Annie'}");
    awaitConverged(ann, "s", query, "b1", "b2", "b3");
    assertThat(row(ann, "s", "b2").path("tasks").get(0).path("assignee").path("name").asText()).isEqualTo("Annie");

    update(ann, "tasks", "t4", "{'boardId':'b3'}");
    awaitConverged(ann, "s", query, "b1", "b2", "b3");
    assertThat(row(ann, "s", "b2").path("tasks")).isEmpty();
    assertThat(row(ann, "s", "b3").path("tasks")).extracting(t -> t.path("id").asText()).containsExactly("t4", "t5");
  }

  @Test
  void insertedRowArrivesWithItsIncludes() {
    WsClient ann = subscribed(B1_WITH_COMMENTS_AND_ASSIGNEE, "t1", "t2", "t3");
    insert(ann, "tasks", task("t9", "b1", "TODO", 9).replace("'assigneeId':null", "'assigneeId':'u3'"));
    awaitConverged(ann, "s", B1_WITH_COMMENTS_AND_ASSIGNEE, "t1", "t2", "t3", "t9");
    JsonNode t9 = row(ann, "s", "t9");
    assertThat(t9.path("assignee").path("name").asText()).isEqualTo("Cyd");
    assertThat(t9.path("comments").isArray()).isTrue();
    assertThat(t9.path("comments")).isEmpty();
  }

  /** A client subscribed to {@code query} as "s", whose snapshot holds rows with {@code ids}. */
  private WsClient subscribed(String query, String... ids) {
    WsClient ann = client("ann");
    ann.subscribe("s", query);
    awaitConverged(ann, "s", query, ids);
    return ann;
  }

  private static JsonNode row(WsClient client, String subscription, String id) {
    return ReplayedResult.of(client, subscription).rows().stream()
        .filter(row -> row.path("id").asText().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + id + " in " + subscription));
  }

  private static List<String> bodies(JsonNode comments) {
    List<String> bodies = new ArrayList<>();
    comments.forEach(comment -> bodies.add(comment.path("body").asText()));
    return bodies;
  }

  private static String comment(String id, String task, String author, String body, String createdAt) {
    return "{'id':'" + id + "','taskId':'" + task + "','authorId':'" + author + "','body':'" + body
        + "','createdAt':'" + createdAt + "'}";
  }
}

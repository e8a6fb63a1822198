package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.examples.board.TaskUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ordered windows ({@code orderBy} + {@code limit}, {@code first}, {@code id}): the window keeps
 * its size and order through inserts, deletes and sort-key changes, taking rows from storage
 * when it loses one. Board data: positions t1 1, t2 2, t3 3, t4 1, t5 1; estimates t1 2.5,
 * t2 1.0, t3 0.5, t4 8.0, t5 3.0; due t1 12-01, t3 11-30, t4 12-05, t2 and t5 null.
 */
class WindowTest extends ServerTestBase {
  private static final String BY_POSITION =
      json("{'collection':'tasks','orderBy':[{'field':'position'}],'limit':3}");
  private static final String BY_ESTIMATE_DESC =
      json("{'collection':'tasks','orderBy':[{'field':'estimate','direction':'desc'}],'limit':3}");

  @Test
  void insertBeforeTheEndOfAFullWindowEvictsItsLastRow() {
    WsClient ann = subscribed(BY_POSITION, "t1", "t4", "t5"); // ties on position go by id
    insert(ann, "tasks", task("t0", "b1", "TODO", 0));
    awaitConverged(ann, "s", BY_POSITION, "t0", "t1", "t4");
    insert(ann, "tasks", task("t6", "b1", "TODO", 5)); // beyond the full window: nothing changes
    awaitConverged(ann, "s", BY_POSITION, "t0", "t1", "t4");
  }

  @Test
  void deleteInsideAWindowBackfillsTheNextRowFromStorage() {
    WsClient ann = subscribed(BY_POSITION, "t1", "t4", "t5");
    delete(ann, "tasks", "t5");
    awaitConverged(ann, "s", BY_POSITION, "t1", "t4", "t2");
  }

  @Test
  void evictedRowComesBackWhenTheRowThatEvictedItIsDeleted() {
    WsClient ann = subscribed(BY_POSITION, "t1", "t4", "t5");
    insert(ann, "tasks", task("t0", "b1", "TODO", 0));
    insert(ann, "tasks", task("t6", "b1", "TODO", 1)); // would sort right after t5
    awaitConverged(ann, "s", BY_POSITION, "t0", "t1", "t4");
    delete(ann, "tasks", "t0");
    awaitConverged(ann, "s", BY_POSITION, "t1", "t4", "t5");
  }

  @Test
  void updateInsideTheWindowMovesTheRowToItsNewPlace() {
    WsClient ann = subscribed(BY_ESTIMATE_DESC, "t4", "t5", "t1");
    update(ann, "tasks", "t1", "{'estimate':5.0}");
    awaitConverged(ann, "s", BY_ESTIMATE_DESC, "t4", "t1", "t5");
    JsonNode delta = ann.next(m -> m.path("type").asText().equals("delta"));
    assertThat(delta.path("changes")).as("one row moved: %s", delta).hasSize(1);
    assertThat(delta.path("changes").get(0).path("op").asText()).isEqualTo("update");
    assertThat(delta.path("changes").get(0).path("index").asInt()).isEqualTo(1);
  }

  @Test
  void sortKeyChangeMovesARowOutOfTheWindowAndAnotherIntoIt() {
    WsClient ann = subscribed(BY_ESTIMATE_DESC, "t4", "t5", "t1");
    update(ann, "tasks", "t4", "{'estimate':0.1}"); // out: t2 comes in from storage
    awaitConverged(ann, "s", BY_ESTIMATE_DESC, "t5", "t1", "t2");
    update(ann, "tasks", "t3", "{'estimate':100.0}"); // in from below: t2 drops out
    awaitConverged(ann, "s", BY_ESTIMATE_DESC, "t3", "t5", "t1");
    update(ann, "tasks", "t5", "{'estimate':2.5}"); // ties with t1: the id decides
    awaitConverged(ann, "s", BY_ESTIMATE_DESC, "t3", "t1", "t5");
  }

  @Test
  void severalRowsReorderedInOneTransactionArriveAsOneConsistentDelta() {
    WsClient ann = subscribed(BY_POSITION, "t1", "t4", "t5");
    server.data().transaction(tx -> {
      tx.update("t1", TaskUpdate.of().position(10)); // out, to the end
      tx.update("t2", TaskUpdate.of().position(0)); // in, at the top
      tx.update("t3", TaskUpdate.of().position(1)); // in, before t4 by id
      tx.update("t4", TaskUpdate.of().title("Renamed in place"));
      return null;
    });
    awaitConverged(ann, "s", BY_POSITION, "t2", "t3", "t4");
    assertThat(ann.messagesOf("s")).as("snapshot and one delta").hasSize(2);
  }

  @Test
  void windowWithAnEqualityFilterIgnoresOtherRowsUntilTheyJoinIt() {
    String query = json("{'collection':'tasks','where':{'op':'eq','field':'boardId','value':'b1'},"
        + "'orderBy':[{'field':'position','direction':'desc'}],'limit':2}");
    WsClient ann = subscribed(query, "t3", "t2");
    update(ann, "tasks", "t4", "{'boardId':'b1'}"); // joins below the window
    awaitConverged(ann, "s", query, "t3", "t2");
    update(ann, "tasks", "t4", "{'position':5}"); // moves up into it
    awaitConverged(ann, "s", query, "t4", "t3");
    update(ann, "tasks", "t4", "{'boardId':'b2'}"); // leaves: t2 comes back from storage
    awaitConverged(ann, "s", query, "t3", "t2");
  }

  @Test
  void nullsFirstAndLastPlaceNullsAtTheirEndOfTheWindow() {
    String first = json("{'collection':'tasks','orderBy':[{'field':'due','nulls':'first'}],'limit':3}");
    String last = json("{'collection':'tasks','orderBy':[{'field':'due','nulls':'last'}],'limit':3}");
    String descDefault = json("{'collection':'tasks','orderBy':[{'field':'due','direction':'desc'}],'limit':3}");
    WsClient ann = client("ann");
    ann.subscribe("first", first);
    ann.subscribe("last", last);
    ann.subscribe("desc", descDefault);
    awaitConverged(ann, "first", first, "t2", "t5", "t3");
    awaitConverged(ann, "last", last, "t3", "t1", "t4");
    awaitConverged(ann, "desc", descDefault, "t2", "t5", "t4"); // descending: nulls first by default

    update(ann, "tasks", "t1", "{'due':null}");
    awaitConverged(ann, "first", first, "t1", "t2", "t5");
    awaitConverged(ann, "last", last, "t3", "t4", "t1");
    awaitConverged(ann, "desc", descDefault, "t1", "t2", "t5");

    update(ann, "tasks", "t2", "{'due':'2026-01-01T00:00:00Z'}");
    awaitConverged(ann, "first", first, "t1", "t5", "t2");
    awaitConverged(ann, "last", last, "t2", "t3", "t4");
    awaitConverged(ann, "desc", descDefault, "t1", "t5", "t4");
  }

  @Test
  void firstFollowsTheRowThatSortsFirst() {
    String query = json("{'collection':'tasks','orderBy':[{'field':'position','direction':'desc'}],'first':true}");
    WsClient ann = subscribed(query, "t3");
    update(ann, "tasks", "t2", "{'position':10}");
    awaitConverged(ann, "s", query, "t2");
    update(ann, "tasks", "t2", "{'title':'Still first'}");
    awaitConverged(ann, "s", query, "t2");
    delete(ann, "tasks", "t2"); // the next one comes from storage
    awaitConverged(ann, "s", query, "t3");
  }

  @Test
  void oneByIdFollowsItsRowThroughUpdateDeleteAndInsert() {
    String query = json("{'collection':'tasks','id':'t2'}");
    WsClient ann = subscribed(query, "t2");
    update(ann, "tasks", "t3", "{'title':'Another row'}");
    update(ann, "tasks", "t2", "{'title':'Renamed'}");
    awaitConverged(ann, "s", query, "t2");
    assertThat(ReplayedResult.of(ann, "s").rows().get(0).path("title").asText()).isEqualTo("Renamed");
    delete(ann, "tasks", "t2");
    awaitConverged(ann, "s", query);
    insert(ann, "tasks", task("t2", "b2", "DOING", 4));
    awaitConverged(ann, "s", query, "t2");
    List<JsonNode> messages = ann.messagesOf("s");
    assertThat(messages).as("no message of the subscription names another row")
        .noneMatch(m -> m.toString().contains("\"t3\""));
  }

  /** A client subscribed to {@code query} as "s", whose snapshot holds rows with {@code ids}. */
  private WsClient subscribed(String query, String... ids) {
    WsClient ann = client("ann");
    ann.subscribe("s", query);
    awaitConverged(ann, "s", query, ids);
    return ann;
  }
}

package dev.live.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.live.json.LiveJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The changes of a diff, applied in order by the protocol's rules to the old result, give the new
 * one; rows that did not change produce no change.
 */
class ResultDiffPropertiesTest {
  @Property(tries = 500)
  void applyingTheChangesToTheOldResultGivesTheNewOne(@ForAll("transitions") Transition transition) {
    ResultDiff diff = ResultDiff.between(transition.before, transition.after);
    List<String> replayed = apply(ids(transition.before), contents(transition.before), diff.json());
    assertThat(replayed).isEqualTo(render(transition.after));
  }

  @Property(tries = 500)
  void applyingTheChangesOfAFewEditsGivesTheNewResult(@ForAll("edits") Transition transition) {
    ResultDiff diff = ResultDiff.between(transition.before, transition.after);
    List<String> replayed = apply(ids(transition.before), contents(transition.before), diff.json());
    assertThat(replayed).isEqualTo(render(transition.after));
  }

  @Test
  void rowsBeforeAndAfterAnEditAreLeftOut() {
    List<ResultRow> before = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      before.add(row("r" + i, 0));
    }
    List<ResultRow> after = new ArrayList<>(before);
    after.set(7, row("r7", 1));
    assertThat(ResultDiff.between(before, after).json())
        .isEqualTo("[{\"op\":\"update\",\"index\":7,\"row\":{\"id\":\"r7\",\"revision\":1}}]");
  }

  /** A result of up to 30 rows, and the same after one to three edits: most rows keep their instance and place. */
  @Provide
  Arbitrary<Transition> edits() {
    Arbitrary<Integer> size = Arbitraries.integers().between(0, 30);
    Arbitrary<List<Integer>> seeds = Arbitraries.integers().between(0, 1_000).list().ofMinSize(1).ofMaxSize(3);
    return Combinators.combine(size, seeds, seeds).as((n, kinds, places) -> {
      List<ResultRow> before = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        before.add(row("r" + i, 0));
      }
      List<ResultRow> after = new ArrayList<>(before);
      int fresh = 0;
      for (int e = 0; e < kinds.size(); e++) {
        int kind = kinds.get(e) % 4;
        int at = after.isEmpty() ? 0 : places.get(Math.min(e, places.size() - 1)) % after.size();
        if (kind == 0 || after.isEmpty()) {
          after.add(Math.min(at, after.size()), row("new" + fresh++, 0));
        } else if (kind == 1) {
          after.remove(at);
        } else if (kind == 2) {
          ResultRow moved = after.remove(at);
          after.add((at * 7 + 3) % (after.size() + 1), moved);
        } else {
          ResultRow old = after.get(at);
          after.set(at, row((String) old.id(), 1));
        }
      }
      return new Transition(before, after);
    });
  }

  @Property(tries = 200)
  void anUnchangedResultHasNoChanges(@ForAll("results") List<ResultRow> rows) {
    assertThat(ResultDiff.between(rows, new ArrayList<>(rows)).isEmpty()).isTrue();
  }

  @Test
  void removesCarryOnlyTheId() {
    ResultRow a = row("a", 1);
    ResultRow b = row("b", 1);
    assertThat(ResultDiff.between(List.of(a, b), List.of(b)).json()).isEqualTo("[{\"op\":\"remove\",\"id\":\"a\"}]");
  }

  @Test
  void aRowMovingToTheEndIsOneUpdatePerRowItPasses() {
    ResultRow a = row("a", 1);
    ResultRow b = row("b", 1);
    ResultRow c = row("c", 1);
    ResultDiff diff = ResultDiff.between(List.of(a, b, c), List.of(b, c, a));
    assertThat(diff.json()).startsWith("[{\"op\":\"update\",\"index\":0,\"row\":{\"id\":\"b\"");
    assertThat(diff.added()).isEmpty();
    assertThat(diff.removed()).isEmpty();
  }

  @Provide
  Arbitrary<List<ResultRow>> results() {
    return Arbitraries.strings().withChars("abcdefgh").ofLength(1).set().ofMaxSize(8)
        .map(ids -> ids.stream().map(id -> row(id, 0)).toList());
  }

  /** A result, and the result after rows were removed, added, changed and reordered. */
  @Provide
  Arbitrary<Transition> transitions() {
    Arbitrary<List<String>> ids = Arbitraries.strings().withChars("abcdefghij").ofLength(1).list().ofMaxSize(10)
        .map(list -> List.copyOf(new LinkedHashSet<>(list)));
    Arbitrary<Set<String>> changed = Arbitraries.strings().withChars("abcdefghij").ofLength(1).set().ofMaxSize(5);
    return Combinators.combine(ids, ids, changed).as((before, after, touched) -> {
      Map<String, ResultRow> old = new HashMap<>();
      List<ResultRow> beforeRows = new ArrayList<>();
      for (String id : before) {
        ResultRow row = row(id, 0);
        old.put(id, row);
        beforeRows.add(row);
      }
      List<ResultRow> afterRows = new ArrayList<>();
      for (String id : after) {
        ResultRow kept = old.get(id);
        afterRows.add(kept != null && !touched.contains(id) ? kept : row(id, 1));
      }
      return new Transition(beforeRows, afterRows);
    });
  }

  record Transition(List<ResultRow> before, List<ResultRow> after) {}

  private static ResultRow row(String id, int revision) {
    String json = "{\"id\":\"" + id + "\",\"revision\":" + revision + "}";
    return new ResultRow(id, id, id, "\"" + id + "\"", json);
  }

  private static List<String> ids(List<ResultRow> rows) {
    return rows.stream().map(r -> (String) r.id()).toList();
  }

  private static List<String> contents(List<ResultRow> rows) {
    return rows.stream().map(ResultRow::json).toList();
  }

  private static List<String> render(List<ResultRow> rows) {
    return contents(rows);
  }

  /** The client's side of the protocol: removes by id, inserts and updates at their index. */
  private static List<String> apply(List<String> ids, List<String> rows, String changes) {
    List<String> currentIds = new ArrayList<>(ids);
    List<String> current = new ArrayList<>(rows);
    try (JsonParser in = LiveJson.factory().createParser(changes)) {
      in.nextToken();
      while (in.nextToken() == JsonToken.START_OBJECT) {
        String op = null;
        String id = null;
        int index = -1;
        String row = null;
        String rowId = null;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
          String name = in.currentName();
          in.nextToken();
          if (name.equals("op")) {
            op = in.getText();
          } else if (name.equals("id")) {
            id = in.getText();
          } else if (name.equals("index")) {
            index = in.getIntValue();
          } else if (name.equals("row")) {
            in.nextToken();
            in.nextToken();
            rowId = in.getText();
            in.nextToken();
            in.nextToken();
            row = "{\"id\":\"" + rowId + "\",\"revision\":" + in.getIntValue() + "}";
            in.nextToken();
          } else {
            throw new AssertionError("unexpected member " + name);
          }
        }
        if (op.equals("remove")) {
          int at = currentIds.indexOf(id);
          assertThat(at).as("removed row %s is held", id).isNotNegative();
          currentIds.remove(at);
          current.remove(at);
          continue;
        }
        int held = currentIds.indexOf(rowId);
        assertThat(held >= 0).as("%s of row %s, held: %s", op, rowId, currentIds).isEqualTo(op.equals("update"));
        if (held >= 0) {
          currentIds.remove(held);
          current.remove(held);
        }
        currentIds.add(index, rowId);
        current.add(index, row);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return current;
  }
}

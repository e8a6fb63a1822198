package dev.live.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The changes that turn one ordered result into another, as the protocol sends them: removes
 * first, then inserts and updates by their index in the new result. A client applies them in
 * order to a list: {@code remove} drops the row with the id, {@code insert} puts the row at the
 * index, {@code update} takes the row with the same id out and puts the new one at the index.
 */
final class ResultDiff {
  /** No change: shared, as most batches change nothing a node shows. */
  static final ResultDiff NONE = new ResultDiff();

  private StringBuilder json;
  private List<ResultRow> removed = List.of();
  private List<ResultRow> added = List.of();
  private int count;

  private ResultDiff() {}

  /**
   * The changes from {@code before} to {@code after}; rows that did not change are the same
   * instances. The rows both begin and end with, the same instances in the same places, are
   * left out first: a change usually moves a row or two, and the diff then costs what changed, not
   * the size of the result.
   */
  static ResultDiff between(List<ResultRow> before, List<ResultRow> after) {
    ResultDiff diff = new ResultDiff();
    if (before == after) {
      return NONE;
    }
    int shorter = Math.min(before.size(), after.size());
    int prefix = 0;
    while (prefix < shorter && before.get(prefix) == after.get(prefix)) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < shorter - prefix
        && before.get(before.size() - 1 - suffix) == after.get(after.size() - 1 - suffix)) {
      suffix++;
    }
    // A row appears once in each list: one outside the middles is the same instance in both, so
    // the middles hold the same ids, and their operations are the whole diff, shifted by the prefix.
    diff.middle(before.subList(prefix, before.size() - suffix), after.subList(prefix, after.size() - suffix), prefix);
    return diff;
  }

  private void middle(List<ResultRow> before, List<ResultRow> after, int offset) {
    ResultDiff diff = this;
    if (before.isEmpty() && after.isEmpty()) {
      return;
    }
    Map<Object, ResultRow> afterById = new HashMap<>(after.size() * 2);
    for (ResultRow row : after) {
      afterById.put(row.id(), row);
    }
    List<ResultRow> working = new ArrayList<>(before.size());
    Set<Object> workingIds = new HashSet<>(before.size() * 2);
    for (ResultRow row : before) {
      if (afterById.containsKey(row.id())) {
        working.add(row);
        workingIds.add(row.id());
      } else {
        diff.remove(row);
      }
    }
    for (int i = 0; i < after.size(); i++) {
      ResultRow row = after.get(i);
      if (i < working.size() && working.get(i) == row) {
        continue;
      }
      if (i < working.size() && working.get(i).id().equals(row.id())) {
        working.set(i, row);
        diff.put("update", offset + i, row);
      } else if (workingIds.contains(row.id())) {
        working.remove(indexOf(working, row.id(), i));
        working.add(i, row);
        diff.put("update", offset + i, row);
      } else {
        working.add(i, row);
        workingIds.add(row.id());
        diff.addedRow(row);
        diff.put("insert", offset + i, row);
      }
    }
  }

  private static int indexOf(List<ResultRow> rows, Object id, int from) {
    for (int i = from; i < rows.size(); i++) {
      if (rows.get(i).id().equals(id)) {
        return i;
      }
    }
    throw new IllegalStateException("row " + id + " vanished from the working list");
  }

  private void remove(ResultRow row) {
    if (removed.isEmpty()) {
      removed = new ArrayList<>();
    }
    removed.add(row);
    separator();
    json.append("{\"op\":\"remove\",\"id\":").append(row.idJson()).append('}');
  }

  private void put(String op, int index, ResultRow row) {
    separator();
    json.append("{\"op\":\"").append(op).append("\",\"index\":").append(index)
        .append(",\"row\":").append(row.json()).append('}');
  }

  private void addedRow(ResultRow row) {
    if (added.isEmpty()) {
      added = new ArrayList<>();
    }
    added.add(row);
  }

  private void separator() {
    if (json == null) {
      json = new StringBuilder(256);
    }
    json.append(count++ == 0 ? "[" : ",");
  }

  boolean isEmpty() {
    return count == 0;
  }

  /** The changes as a JSON array. */
  String json() {
    return count == 0 ? "[]" : json + "]";
  }

  /** Rows no longer in the result. */
  List<ResultRow> removed() {
    return removed;
  }

  /** Rows whose id was not in the result before. */
  List<ResultRow> added() {
    return added;
  }
}

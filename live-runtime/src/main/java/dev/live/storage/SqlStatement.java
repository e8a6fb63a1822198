package dev.live.storage;

import java.util.List;

/** SQL text and its parameters, in order. */
record SqlStatement(String sql, List<SqlParam> params) {
  SqlStatement {
    params = List.copyOf(params);
  }
}

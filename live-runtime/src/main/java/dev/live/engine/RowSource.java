package dev.live.engine;

import java.util.List;

/**
 * Where a node takes the related rows of a row it starts to hold from: nowhere for a row just
 * inserted (nothing refers to it yet, so its to-many includes are empty), a read of storage
 * ({@link NodeImage}), or nowhere at all (the node must read again).
 */
interface RowSource {
  /** Stands for a target the source does not have. */
  Object UNKNOWN = new Object() {
    @Override
    public String toString() {
      return "unknown";
    }
  };

  /** A row inserted by the change at hand: no row refers to it yet. */
  RowSource INSERTED = new RowSource() {
    @Override
    public Object target(Site site, Object id) {
      return UNKNOWN;
    }

    @Override
    public Related related(Site site, Object parentId) {
      return Related.NONE;
    }
  };

  /** A row that came in through an update: its related rows are in storage only. */
  RowSource NOTHING = new RowSource() {
    @Override
    public Object target(Site site, Object id) {
      return UNKNOWN;
    }

    @Override
    public Related related(Site site, Object parentId) {
      return null;
    }
  };

  /** The version after which the source's rows were read: changes at or below it are in them. */
  default long readAfter() {
    return 0;
  }

  /** The record of to-one target {@code id} of {@code site} (null: it does not exist), or {@link #UNKNOWN}. */
  Object target(Site site, Object id);

  /** The related rows of {@code parentId} at to-many {@code site}, or null when unknown. */
  Related related(Site site, Object parentId);

  /** Related rows of one row, in order: at most as many as the site holds, and whether more exist. */
  record Related(List<Object> records, boolean more) {
    static final Related NONE = new Related(List.of(), false);
  }
}

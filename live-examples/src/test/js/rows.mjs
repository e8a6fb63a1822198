// Rows the scenarios write.

/** A new task of the board example. */
export function task(id, boardId, position, title = "Task " + id) {
  return { id, boardId, title, status: "TODO", assigneeId: null, due: null, position, estimate: 1,
    revision: 1, labels: [], checklist: null };
}

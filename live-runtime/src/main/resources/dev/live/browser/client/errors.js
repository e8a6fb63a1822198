// Errors of the browser client: the server's, with their stable codes (docs/protocol.md,
// "Errors"), and the client's own (CLOSED, OFFLINE_QUEUE_FULL, UNKNOWN_FIELD while building a
// query, ...).

export class LiveError extends Error {
  constructor(code, message, path) {
    super(message);
    this.name = "LiveError";
    this.code = code;
    if (path !== undefined) this.path = path;
  }

  /** The error of a server message ({"error":{"code","message","path"}}). */
  static from(error) {
    if (!error || typeof error !== "object") {
      return new LiveError("UNKNOWN_ERROR", "the server sent an error without a code");
    }
    return new LiveError(String(error.code), String(error.message ?? ""), error.path);
  }
}

/** "a, b or c": a list of what is allowed, for messages. */
export function listed(names) {
  const sorted = [...names].sort();
  if (sorted.length === 0) return "none";
  if (sorted.length === 1) return sorted[0];
  return sorted.slice(0, -1).join(", ") + " or " + sorted[sorted.length - 1];
}

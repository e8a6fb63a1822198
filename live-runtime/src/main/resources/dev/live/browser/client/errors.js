// Errors of the browser client: the server's, with their stable codes (docs/protocol.md,
// "Errors"), and the client's own (CLOSED, OFFLINE_QUEUE_FULL, UNKNOWN_FIELD while building a
// query, ...). An application's refusal (LiveException.of("NO_CREDITS", ...) on the server) has
// the code REJECTED and its own code in appCode, so that it is never taken for one of Live's.

export class LiveError extends Error {
  constructor(code, message, path, appCode) {
    super(message);
    this.name = "LiveError";
    this.code = code;
    if (path !== undefined) this.path = path;
    if (appCode !== undefined) this.appCode = appCode;
  }

  /** The error of a server message ({"error":{"code","appCode","message","path"}}). */
  static from(error) {
    if (!error || typeof error !== "object") {
      return new LiveError("UNKNOWN_ERROR", "the server sent an error without a code");
    }
    const appCode = error.code === "REJECTED" && typeof error.appCode === "string" ? error.appCode : undefined;
    return new LiveError(String(error.code), String(error.message ?? ""), error.path, appCode);
  }
}

/** "a, b or c": a list of what is allowed, for messages. */
export function listed(names) {
  const sorted = [...names].sort();
  if (sorted.length === 0) return "none";
  if (sorted.length === 1) return sorted[0];
  return sorted.slice(0, -1).join(", ") + " or " + sorted[sorted.length - 1];
}

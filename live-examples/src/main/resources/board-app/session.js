// Who is signed in in this window: the session signIn returned, kept in sessionStorage so that
// each window (or tab) can be another user of the demo, and a reload keeps it.

const KEY = "board.session";

export function loadSession() {
  try {
    const text = sessionStorage.getItem(KEY);
    return text ? JSON.parse(text) : null;
  } catch (error) {
    return null;
  }
}

export function saveSession(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
}

/**
 * Whether the server still takes `token`. A WebSocket refused at the upgrade tells the page
 * nothing but that it closed (the client would keep retrying), so the token is tried over HTTP,
 * where a refusal is a 401, before connecting with it.
 */
export async function tokenAccepted(token) {
  const response = await fetch("/live/query", {
    method: "POST",
    headers: { "Authorization": "Bearer " + token, "Content-Type": "application/json" },
    body: JSON.stringify({ collection: "teams", limit: 1 }),
  });
  return response.status !== 401;
}

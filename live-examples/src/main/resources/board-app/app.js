// The team board's page: signs in, connects to the Live server with the session's token, and
// shows the board list (#/) or a board (#/board/<id>), with the connection's state and the
// signed-in user in the top bar. Everything shown is a live query: it changes as anyone writes.

import { connect } from "/live/client.js";
import { byTestId } from "./dom.js";
import { showError, clearError } from "./notice.js";
import { loadSession, saveSession, clearSession, tokenAccepted } from "./session.js";
import { showSignIn } from "./signin.js";
import { showBoards } from "./boards.js";
import { showBoard } from "./board.js";

const screen = document.getElementById("screen");
const header = document.querySelector(".topbar");

let live = null;
let session = null;
let leaveScreen = () => {};
let stopStateListener = () => {};

window.addEventListener("hashchange", route);
byTestId(header, "sign-out").addEventListener("click", signOut);
start().catch(showError);

async function start() {
  const kept = loadSession();
  // When the server cannot be asked, try the token anyway: the client keeps reconnecting.
  if (kept && await tokenAccepted(kept.token).catch(() => true)) return enter(kept);
  clearSession();
  return signInScreen();
}

async function signInScreen() {
  session = null;
  showUser(null);
  await useClient(await connect());
  await showSignIn(screen, live, (signedIn) => {
    saveSession(signedIn);
    enter(signedIn).catch(showError);
  });
}

async function enter(signedIn) {
  clearError();
  session = signedIn;
  showUser(session);
  await useClient(await connect({ token: () => session?.token ?? null }));
  route();
}

function route() {
  if (!session || !live) return;
  leaveScreen();
  const board = location.hash.match(/^#\/board\/(.+)$/);
  leaveScreen = board
    ? showBoard(screen, live, session, decodeURIComponent(board[1]))
    : showBoards(screen, live);
}

function signOut() {
  leaveScreen();
  leaveScreen = () => {};
  clearSession();
  history.replaceState(null, "", "#/");
  signInScreen().catch(showError);
}

/** Closes the client in use and follows the connection state of `client` instead. */
async function useClient(client) {
  stopStateListener();
  live?.close();
  live = client;
  const indicator = byTestId(header, "connection-state");
  const show = (state) => {
    indicator.textContent = state;
    indicator.dataset.state = state;
  };
  show(client.state);
  stopStateListener = client.onState(show);
}

function showUser(user) {
  const who = byTestId(header, "signed-in-as");
  who.hidden = !user;
  who.textContent = user ? `${user.name}${user.role === "ADMIN" ? " (admin)" : ""}` : "";
  byTestId(header, "sign-out").hidden = !user;
}

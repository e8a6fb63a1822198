// The board's room, board:<boardId>: who is viewing the board (presence) and who is typing a
// comment (the room event "typing", which names the task). The server lets in the members of
// the board's team only; the client joins again by itself after a reconnect.

import { h, replace } from "./dom.js";
import { showError } from "./notice.js";

/** A typing event is forgotten after this long without another: the "stopped" one may be lost. */
const TYPING_SHOWN_MS = 6000;
/** Typing counts as stopped after this long without a keystroke. */
const TYPING_IDLE_MS = 3000;

/**
 * Joins the board's room and keeps `presenceList` and `typingLine` current. `titleOf(taskId)`
 * names a task for the typing line. Returns { typing(taskId), stopTyping(), leave() }.
 */
export function joinBoardRoom(live, boardId, session, { presenceList, typingLine, titleOf }) {
  const room = live.room("board", boardId);
  const typists = new Map(); // member id → { taskId, until }
  let members = [];

  const stopMembers = room.onMembers((list) => {
    members = list;
    renderPresence(presenceList, members);
    renderTyping();
  });
  const stopEvents = room.on("typing", (data, from) => {
    if (data.typing) typists.set(from, { taskId: data.taskId, until: Date.now() + TYPING_SHOWN_MS });
    else typists.delete(from);
    renderTyping();
  });
  const sweep = setInterval(renderTyping, 1000);
  room.join({ name: session.name, typing: false }).catch(showError);

  function renderTyping() {
    const now = Date.now();
    const present = new Set(members.map((m) => m.member));
    for (const [member, typing] of typists) {
      if (typing.until < now || !present.has(member)) typists.delete(member);
    }
    const lines = [...typists].map(([member, typing]) => {
      const name = members.find((m) => m.member === member)?.presence.name ?? "Someone";
      const title = titleOf(typing.taskId);
      return `${name} is typing…${title ? ` (on “${title}”)` : ""}`;
    });
    typingLine.textContent = lines.join("  ");
    typingLine.hidden = lines.length === 0;
  }

  let typingOn = null;
  let idleTimer = null;

  function send(taskId, typing) {
    if (!room.joined) return;
    room.emit("typing", { taskId, typing }).catch(() => {}); // a lost typing hint is not worth a message
    room.setPresence({ name: session.name, typing }).catch(() => {});
  }

  function stopTyping() {
    clearTimeout(idleTimer);
    if (typingOn === null) return;
    send(typingOn, false);
    typingOn = null;
  }

  return {
    /** Call on every keystroke in a comment box of task `taskId`. */
    typing(taskId) {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
      if (typingOn === taskId) return;
      if (typingOn !== null) send(typingOn, false);
      typingOn = taskId;
      send(taskId, true);
    },
    stopTyping,
    leave() {
      stopTyping();
      clearInterval(sweep);
      stopMembers();
      stopEvents();
      room.leave().catch(() => {});
    },
  };
}

/** "Viewing: Ann, Bob": one name per user, however many windows they have open. */
function renderPresence(list, members) {
  const byUser = new Map();
  for (const member of members) byUser.set(member.userId ?? member.member, member.presence);
  const viewers = [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name));
  replace(list, h("li", { class: "label" }, "Viewing:"),
    viewers.map((viewer) => h("li", { dataset: { testid: "presence-member", name: viewer.name },
      class: viewer.typing ? "is-typing" : null, title: viewer.typing ? `${viewer.name} is typing` : viewer.name },
      viewer.name)));
}

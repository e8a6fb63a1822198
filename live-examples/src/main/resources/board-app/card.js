// One task card: its title, assignee, due date and comment count, and what can be done to it.
// Writes go through `actions` (board.js), which report refusals; a card whose write the server
// has not confirmed yet is shown dimmed, and a refused one goes back to what it was by itself.

import { h } from "./dom.js";

const NEXT = { TODO: "DOING", DOING: "DONE" };
const PREVIOUS = { DOING: "TODO", DONE: "DOING" };
const STATUS_NAMES = { TODO: "To do", DOING: "Doing", DONE: "Done" };

/**
 * The card of `task` (a row with `assignee` and `comments` included). `context`: { users,
 * pending, busy, selected, actions: { move, complete, assign, setDue, remove, openComments } }.
 */
export function taskCard(task, { users, pending, busy, selected, actions }) {
  const commentCount = task.comments?.length ?? 0;
  return h("article", {
    class: ["card", pending && "pending", busy && "busy", selected && "selected"].filter(Boolean).join(" "),
    dataset: { testid: "task-card", taskId: task.id, taskTitle: task.title, status: task.status,
      pending: String(pending) },
  },
  h("h3", { class: "card-title", dataset: { testid: "task-title" } }, task.title),
  h("p", { class: "card-meta" },
    h("span", { dataset: { testid: "task-assignee" } }, assigneeName(task, users) ?? "Unassigned"),
    dueLabel(task),
    h("button", { type: "button", class: "link", dataset: { testid: "open-comments" },
      title: "Show the comments", onclick: () => actions.openComments(task) },
    h("span", { dataset: { testid: "task-comment-count" } }, String(commentCount)),
    commentCount === 1 ? " comment" : " comments")),
  h("div", { class: "card-actions" },
    PREVIOUS[task.status] && h("button", { type: "button", class: "quiet", dataset: { testid: "move-left" },
      title: `Move to ${STATUS_NAMES[PREVIOUS[task.status]]}`, disabled: busy,
      onclick: () => actions.move(task, PREVIOUS[task.status]) }, "←"),
    NEXT[task.status] && h("button", { type: "button", class: "quiet", dataset: { testid: "move-right" },
      title: `Move to ${STATUS_NAMES[NEXT[task.status]]}`, disabled: busy,
      onclick: () => actions.move(task, NEXT[task.status]) }, "→"),
    task.status !== "DONE" && h("button", { type: "button", class: "quiet", dataset: { testid: "complete" },
      disabled: busy, onclick: () => actions.complete(task) }, "✓ Done"),
    assigneeSelect(task, users, actions),
    h("input", { type: "date", class: "due-input", value: dateInputValue(task.due), title: "Due date",
      dataset: { testid: "due-input" }, onchange: (event) => actions.setDue(task, event.target.value) }),
    h("button", { type: "button", class: "quiet danger", dataset: { testid: "delete" }, title: "Delete the task",
      onclick: () => actions.remove(task) }, "Delete")));
}

function assigneeSelect(task, users, actions) {
  return h("select", { class: "assign", title: "Assignee", dataset: { testid: "assign" },
    onchange: (event) => actions.assign(task, event.target.value || null) },
  h("option", { value: "", selected: !task.assigneeId }, "Unassigned"),
  users.map((user) => h("option", { value: user.id, selected: user.id === task.assigneeId }, user.name)));
}

function assigneeName(task, users) {
  if (!task.assigneeId) return null;
  return task.assignee?.name ?? users.find((user) => user.id === task.assigneeId)?.name ?? "someone";
}

function dueLabel(task) {
  if (!task.due) return null;
  const due = new Date(task.due);
  const overdue = task.status !== "DONE" && due.getTime() < Date.now();
  return h("span", { class: overdue ? "due overdue" : "due", dataset: { testid: "task-due", due: task.due } },
    (overdue ? "overdue " : "due ") + due.toLocaleDateString(undefined, { day: "numeric", month: "short" }));
}

/** The yyyy-mm-dd of an instant in this browser's time zone, as a date input shows it. */
function dateInputValue(instant) {
  if (!instant) return "";
  const date = new Date(instant);
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

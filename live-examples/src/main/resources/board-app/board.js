// One board: its tasks in three columns, kept current as anyone changes them; a form to add a
// task; the viewers and typists of the board's room; and the comment panel of a chosen task.
// Field changes (a new task, the assignee, the due date, a delete) are optimistic writes: they
// show at once and roll back by themselves when refused. Moving and completing a task are
// procedures, which the server runs in a transaction: the card moves when it answers.

import { h, replace } from "./dom.js";
import { reported, showError } from "./notice.js";
import { taskCard } from "./card.js";
import { openComments } from "./comments.js";
import { joinBoardRoom } from "./presence.js";

const COLUMNS = [["TODO", "To do"], ["DOING", "Doing"], ["DONE", "Done"]];

/** Shows board `boardId` in `screen`; returns a function that leaves it. */
export function showBoard(screen, live, session, boardId) {
  const state = { tasks: [], users: [], busy: new Set(), comments: null };

  const title = h("h2", { dataset: { testid: "board-title" } }, "…");
  const presenceList = h("ul", { class: "presence", dataset: { testid: "presence" } });
  const typingLine = h("p", { class: "typing", dataset: { testid: "typing-indicator" }, hidden: true });
  const columns = new Map(COLUMNS.map(([status]) => [status, h("div", { class: "cards" })]));
  const counts = new Map(COLUMNS.map(([status]) => [status, h("span", { class: "count" })]));
  const panel = h("aside", { class: "comment-panel", dataset: { testid: "comment-panel" }, hidden: true });

  replace(screen, h("section", { class: "board" },
    h("div", { class: "board-head" },
      h("a", { href: "#/", class: "back", dataset: { testid: "back-to-boards" } }, "← Boards"),
      title, presenceList),
    typingLine,
    addTaskForm(),
    h("div", { class: "board-body" },
      h("div", { class: "columns" }, COLUMNS.map(([status, label]) =>
        h("section", { class: "column", dataset: { testid: "column", status } },
          h("h3", {}, label, " ", counts.get(status)), columns.get(status)))),
      panel)));

  const room = joinBoardRoom(live, boardId, session, { presenceList, typingLine,
    titleOf: (taskId) => state.tasks.find((task) => task.id === taskId)?.title });

  const subscriptions = [
    live.from("boards").one(boardId).subscribe((board) => {
      title.textContent = board ? board.title : "No such board in your team";
    }, showError),
    live.from("users").orderBy("name").subscribe((users) => {
      state.users = users;
      render();
    }, showError),
    live.from("tasks")
      .where((t) => t.boardId.eq(boardId))
      .orderBy("position")
      .include("assignee")
      .include("comments")
      .subscribe((tasks) => {
        state.tasks = tasks;
        render();
      }, showError),
  ];

  const actions = {
    move: (task, status) => busyWhile(task, live.call("move", { taskId: task.id, status, position: endOf(status) })),
    complete: (task) => busyWhile(task, live.call("complete", { taskId: task.id })),
    assign: (task, assigneeId) => reported(live.update("tasks", task.id, { assigneeId })),
    setDue: (task, date) => reported(live.update("tasks", task.id, { due: date ? dueTime(date) : null })),
    remove: (task) => reported(live.delete("tasks", task.id)),
    openComments: (task) => showComments(task),
  };

  function render() {
    for (const [status] of COLUMNS) {
      const tasks = state.tasks.filter((task) => task.status === status);
      counts.get(status).textContent = String(tasks.length);
      replace(columns.get(status), tasks.length === 0
        ? h("p", { class: "muted empty" }, "Nothing here.")
        : tasks.map((task) => taskCard(task, { users: state.users, pending: live.isPending(task),
          busy: state.busy.has(task.id), selected: state.comments?.taskId === task.id, actions })));
    }
    const open = state.comments && state.tasks.find((task) => task.id === state.comments.taskId);
    if (state.comments && !open) closeComments(); // the task is gone
    else if (open) state.comments.update(open);
  }

  function addTaskForm() {
    const input = h("input", { placeholder: "A new task…", maxLength: 200, required: true,
      dataset: { testid: "new-task-title" } });
    return h("form", { class: "add-task", onsubmit: (event) => {
      event.preventDefault();
      const taskTitle = input.value.trim();
      if (!taskTitle) return;
      input.value = "";
      reported(live.insert("tasks", { id: crypto.randomUUID(), boardId, title: taskTitle, status: "TODO",
        assigneeId: null, due: null, position: endOf("TODO"), estimate: 1, revision: 1, labels: [],
        checklist: null }));
    } }, input, h("button", { type: "submit", dataset: { testid: "add-task" } }, "Add task"));
  }

  /** A position after every task of column `status`. */
  function endOf(status) {
    return Math.max(0, ...state.tasks.filter((task) => task.status === status).map((task) => task.position)) + 1;
  }

  /** Marks the card busy while a procedure runs for it. */
  async function busyWhile(task, call) {
    state.busy.add(task.id);
    render();
    await reported(call);
    state.busy.delete(task.id);
    render();
  }

  function showComments(task) {
    closeComments();
    state.comments = openComments(panel, live, session, room, task, () => {
      closeComments();
      render();
    });
    render();
  }

  function closeComments() {
    state.comments?.close();
    state.comments = null;
  }

  return () => {
    closeComments();
    subscriptions.forEach((subscription) => subscription.close());
    room.leave();
  };
}

/** 5 pm on `date` (yyyy-mm-dd) in this browser's time zone, as an instant: when a task is due that day. */
function dueTime(date) {
  return new Date(`${date}T17:00:00`).toISOString();
}

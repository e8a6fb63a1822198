// The comment panel of one task: its comments, oldest first, with their authors, kept current;
// a box to add one (shown at once, dimmed until the server confirms it); and typing hints to the
// others in the board's room while the box is being written in.

import { h, replace } from "./dom.js";
import { reported, showError } from "./notice.js";

/**
 * Shows the comments of `task` in `panel` until the returned handle's close(); `room` is the
 * board room's handle (presence.js), `onClose` is called when the panel's close button is used.
 */
export function openComments(panel, live, session, room, task, onClose) {
  const heading = h("h3", { dataset: { testid: "comment-panel-title" } }, task.title);
  const list = h("ol", { class: "comments", dataset: { testid: "comment-list" } });
  const input = h("textarea", { rows: 3, maxLength: 2000, placeholder: "Write a comment…",
    dataset: { testid: "comment-input" }, oninput: () => room.typing(task.id), onblur: () => room.stopTyping() });
  const form = h("form", { class: "comment-form", onsubmit: (event) => {
    event.preventDefault();
    const body = input.value.trim();
    if (!body) return;
    room.stopTyping();
    input.value = "";
    reported(live.insert("comments", { id: crypto.randomUUID(), taskId: task.id, authorId: session.userId, body,
      createdAt: new Date().toISOString() }));
  } }, input, h("button", { type: "submit", dataset: { testid: "comment-submit" } }, "Add comment"));

  replace(panel,
    h("div", { class: "panel-head" }, heading,
      h("button", { type: "button", class: "quiet", dataset: { testid: "close-comments" }, onclick: onClose }, "Close")),
    list, form);
  panel.hidden = false;
  panel.dataset.taskId = task.id;

  const subscription = live.from("comments")
    .where((c) => c.taskId.eq(task.id))
    .orderBy("createdAt")
    .include("author")
    .subscribe((comments) => {
      if (comments.length === 0) {
        replace(list, h("li", { class: "muted" }, "No comments yet."));
        return;
      }
      replace(list, comments.map((comment) => h("li", {
        class: live.isPending(comment) ? "comment pending" : "comment",
        dataset: { testid: "comment", commentId: comment.id, pending: String(live.isPending(comment)) } },
      h("span", { class: "comment-author" }, comment.author?.name ?? (comment.authorId === session.userId
        ? session.name : "someone")),
      h("time", { class: "muted", dateTime: comment.createdAt }, " · " + new Date(comment.createdAt).toLocaleString()),
      h("p", { dataset: { testid: "comment-body" } }, comment.body))));
    }, showError);

  return {
    taskId: task.id,
    /** The task changed (its title, say). */
    update(changed) {
      heading.textContent = changed.title;
    },
    close() {
      room.stopTyping();
      subscription.close();
      panel.hidden = true;
      delete panel.dataset.taskId;
      replace(panel);
    },
  };
}

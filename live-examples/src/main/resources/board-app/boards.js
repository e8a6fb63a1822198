// The board list: the boards of the signed-in user's team (the read rule shows no others), each
// with its count of open tasks, kept current.

import { h, replace } from "./dom.js";
import { showError } from "./notice.js";

/** Shows the team's boards in `screen`; returns a function that stops following them. */
export function showBoards(screen, live) {
  const list = h("ul", { class: "board-list", dataset: { testid: "board-list" } });
  replace(screen, h("section", { class: "boards" }, h("h2", {}, "Boards of your team"), list));

  const subscription = live.from("boards")
    .orderBy("title")
    .include("tasks", (tasks) => tasks.where((t) => t.status.ne("DONE")))
    .subscribe((boards) => {
      if (boards.length === 0) {
        replace(list, h("li", { class: "muted" }, "Your team has no boards yet."));
        return;
      }
      replace(list, boards.map((board) => h("li", {},
        h("a", { href: `#/board/${encodeURIComponent(board.id)}`, class: "board-link",
          dataset: { testid: "board-link", boardId: board.id } },
          h("strong", {}, board.title),
          h("span", { class: "muted" }, ` · ${board.tasks.length} open`)))));
    }, showError);
  return () => subscription.close();
}

// The sign-in screen: a name and, for a new name, the team to join; or one click on a demo
// user. It runs on an anonymous client, which may read the teams and call signIn and demoUsers
// only (the read rules hide everything else from it).

import { h, replace } from "./dom.js";
import { reported, clearError } from "./notice.js";

/** Shows the sign-in screen in `screen`; calls `signedIn(session)` once the server says yes. */
export async function showSignIn(screen, live, signedIn) {
  const [teams, demoUsers] = await Promise.all([
    reported(live.from("teams").orderBy("name").get()),
    reported(live.call("demoUsers")),
  ]);

  const name = h("input", { id: "signin-name", name: "name", required: true, maxLength: 40, autocomplete: "username",
    placeholder: "Your name", dataset: { testid: "signin-name" } });
  const team = h("select", { id: "signin-team", name: "team", dataset: { testid: "signin-team" } },
    (teams ?? []).map((t) => h("option", { value: t.name }, t.name)));
  const submit = h("button", { type: "submit", dataset: { testid: "signin-submit" } }, "Sign in");

  async function signIn(userName, teamName) {
    clearError();
    submit.disabled = true;
    const session = await reported(live.call("signIn", { name: userName, team: teamName }));
    submit.disabled = false;
    if (session) signedIn(session);
  }

  const form = h("form", { class: "signin", dataset: { testid: "signin-form" },
    onsubmit: (event) => {
      event.preventDefault();
      signIn(name.value, team.value || null);
    } },
    h("h2", {}, "Sign in"),
    h("p", { class: "muted" }, "A name you have used before signs you in again; a new name joins the team you pick."),
    h("label", { for: "signin-name" }, "Name"), name,
    h("label", { for: "signin-team" }, "Team (for a new name)"), team,
    submit);

  const demo = h("section", { class: "demo-users" },
    h("h3", {}, "Or try a demo user"),
    h("ul", {}, (demoUsers ?? []).map((user) => h("li", {},
      h("button", { type: "button", class: "quiet", dataset: { testid: "demo-user", name: user.name },
        onclick: () => signIn(user.name, null) },
        user.name, h("span", { class: "muted" }, ` · ${user.team}${user.role === "ADMIN" ? " · admin" : ""}`))))));

  replace(screen, h("div", { class: "signin-screen" }, form, demo));
  name.focus();
}

// Rooms: presence, events and shared state between two users, and a room joined again after a drop.
import { check, client, eventually, same, scenarios, step } from "./harness.mjs";

const ann = await client("u1", { viaProxy: true });
const bob = await client("u2");

await scenarios({
  async "members see each other, their events and the shared state"() {
    const annRoom = ann.room("board", "b1");
    const bobRoom = bob.room("board", "b1");
    const heard = [];
    annRoom.on("typing", (data, from) => heard.push({ data, from }));
    await annRoom.join({ name: "Ann", typing: false });
    await bobRoom.join({ name: "Bob", typing: false });
    await eventually(() => annRoom.members.length === 2, "Ann seeing Bob");
    same(bobRoom.members.map((m) => m.presence.name).sort(), ["Ann", "Bob"], "Bob's view");
    check(annRoom.memberId === "u1/" + ann.clientId, "member id " + annRoom.memberId);
    same(await bobRoom.emit("typing", { taskId: "t1", typing: true }), 1, "delivered to Ann");
    await eventually(() => heard.length === 1, "Ann hearing Bob type");
    same(heard[0], { data: { taskId: "t1", typing: true }, from: bobRoom.memberId }, "the event");
    await bobRoom.setState({ topic: "Launch" });
    await eventually(() => annRoom.state?.topic === "Launch", "the shared state");
    same(annRoom.state.pinned, [], "fields not set are kept");
    await bobRoom.setPresence({ name: "Bob", typing: true });
    await eventually(() => annRoom.members.find((m) => m.userId === "u2")?.presence.typing, "Bob's presence");
    check(bobRoom.members.find((m) => m.member === bobRoom.memberId).presence.typing, "Bob's own entry updated");
    same(annRoom.members.map((m) => m.presence.name), ["Ann", "Bob"], "members keep their places");
    await bobRoom.leave();
    await eventually(() => annRoom.members.length === 1, "Bob gone");
  },

  async "a room is joined again after the connection dropped"() {
    const annRoom = ann.room("board", "b1");
    const bobRoom = bob.room("board", "b1");
    await bobRoom.join({ name: "Bob", typing: false });
    await eventually(() => annRoom.members.length === 2, "both in");
    const states = [];
    const stop = ann.onState((state) => states.push(state));
    await step("drop");
    await eventually(() => states.includes("open") && bobRoom.members.some((m) => m.userId === "u1")
      && annRoom.members.length === 2, "Ann back in the room");
    stop();
    same(annRoom.members.find((m) => m.userId === "u1").presence, { name: "Ann", typing: false }, "her presence kept");
  },

  async "a room whose rejoin was lost with another drop is joined once more"() {
    const annRoom = ann.room("board", "b1");
    const states = [];
    const stop = ann.onState((state) => states.push(state));
    await step("drop-and-drop-on-joined");
    await eventually(() => states.filter((state) => state === "open").length >= 2 && ann.state === "open"
      && annRoom.joined && annRoom.members.length === 2, "Ann back in the room after two drops");
    stop();
    await step("rejoin-was-dropped");
    const bobRoom = bob.room("board", "b1");
    await eventually(() => bobRoom.members.some((m) => m.userId === "u1"), "Bob seeing Ann again");
    // Every answer to the rejoins has arrived once a later request is answered.
    same(await annRoom.emit("typing", { taskId: "t1", typing: false }), 1, "Ann, still a member, reaching Bob");
    check(annRoom.joined, "Ann's room still joined after all answers");
  },

  async "another team's board room is refused"() {
    const error = await bob.room("board", "b3").join({ name: "Bob", typing: false }).then(() => null, (e) => e);
    check(error?.code === "FORBIDDEN", "joining b3: " + (error && error.code + " " + error.message));
  },
});

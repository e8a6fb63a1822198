import { connect } from "@dev.live/client";

// For the demo, the token is the user's name (see ChatServer): /?user=ada
const user = new URLSearchParams(location.search).get("user") ?? "guest";
const live = await connect({ token: user });
const list = document.getElementById("messages");

live.from("messages").where((m) => m.room.eq("general")).orderBy("sentAt")
  .subscribe((rows) => list.replaceChildren(...rows.map((m) => {
    const item = document.createElement("li");
    item.textContent = `${m.author}: ${m.text}`;
    return item;
  })));

document.getElementById("send").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = document.getElementById("text");
  try {
    await live.call("send", { room: "general", text: text.value });
    text.value = "";
  } catch (error) {
    text.placeholder = error.appCode === "EMPTY_MESSAGE" ? "Type something first" : error.message;
  }
});

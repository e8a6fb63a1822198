// The client's token reaches the server's `handshake.bearerToken()`: the user it names sees their
// team's boards (the Java side checks the parameter's name on the wire).
import { client, eventually, ids, recorder, same, scenarios } from "./harness.mjs";

await scenarios({
  async "a token string signs the client in"() {
    const ann = await client("u1");
    const seen = recorder();
    const sub = ann.from("boards").orderBy("id").subscribe(seen.listener);
    await eventually(() => seen.last, "the snapshot");
    same(ids(seen.last.rows), ["b1", "b2"], "team1's boards, as Ann");
    sub.close();
  },

  async "a token function is asked on connecting"() {
    const cyd = await client(null, { token: async () => "u3" });
    const seen = recorder();
    const sub = cyd.from("boards").orderBy("id").subscribe(seen.listener);
    await eventually(() => seen.last, "the snapshot");
    same(ids(seen.last.rows), ["b3"], "team2's boards, as Cyd");
    sub.close();
  },
});

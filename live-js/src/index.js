// The entry of the npm package @dev.live/client: the browser client the server serves at
// /live/client.js, bundled by build.mjs into one file. Only the default server differs. The served
// module finds the server where it was loaded from; a bundled copy is loaded from the application's
// own server (a Vite dev server, a CDN), so its default is `/live` on the page's origin instead,
// which is right when that origin proxies /live to the Live server. Any other server is named with
// `url`.

import { connect as connectTo, LiveError } from "../../live-runtime/src/main/resources/dev/live/browser/live-client.js";

export { LiveError };

/** Creates a client and starts connecting; resolves once the schema is known. */
export function connect(options = {}) {
  if (options.url) return connectTo(options);
  const page = globalThis.location;
  if (!page || (page.protocol !== "http:" && page.protocol !== "https:")) {
    return Promise.reject(new LiveError("INVALID_VALUE", "connect({url}) names the server (ws://host:port/live)"
      + " when the page is not served over http or https"));
  }
  const url = (page.protocol === "https:" ? "wss://" : "ws://") + page.host + "/live";
  return connectTo({ ...options, url });
}

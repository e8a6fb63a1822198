// `npm run build` writes the page where the server serves it from (LiveServer.Builder.site("web"));
// `npm run dev` serves it at http://localhost:5173 and passes /live on to the server.
export default {
  build: { outDir: "../src/main/resources/web", emptyOutDir: true },
  server: { proxy: { "/live": { target: "http://localhost:8080", ws: true } } },
};

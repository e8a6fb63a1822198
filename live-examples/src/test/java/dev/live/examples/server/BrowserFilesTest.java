package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.live.examples.board.AppSchema;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.TestDatabase;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import dev.live.storage.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the server gives web pages: the browser client's modules and types, the schema as JSON
 * and as TypeScript declarations, an application's pages from a classpath folder, with ETags;
 * and WebSocket compression, on unless turned off.
 */
class BrowserFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private TestDatabase database;
  private Store store;
  private LiveServer server;

  @BeforeEach
  void start() {
    database = Backend.H2.create();
    store = Store.open(database.database(), AppSchema.INSTANCE);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    store.close();
    database.close();
  }

  private LiveServer server(ServerOptions options) {
    server = LiveServer.builder().schema(AppSchema.INSTANCE).store(store).host("127.0.0.1").port(0)
        .options(options).site("board-app").start();
    return server;
  }

  private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theClientModulesAndTypesAreServedWithETags() throws Exception {
    server(ServerOptions.defaults());
    HttpResponse<String> client = get("/live/client.js");
    assertThat(client.statusCode()).isEqualTo(200);
    assertThat(client.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    assertThat(client.body()).contains("export async function connect(").contains("from \"./client/query.js\"");
    for (String module : new String[] {"errors", "query", "match", "optimistic", "results", "rooms", "pacing", "nodes"}) {
      assertThat(get("/live/client/" + module + ".js").statusCode()).as(module).isEqualTo(200);
    }
    assertThat(get("/live/client/nope.js").statusCode()).isEqualTo(404);
    assertThat(get("/live/client.d.ts").body()).contains("export function connect<S extends SchemaShape");

    String etag = client.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = get("/live/client.js", "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(get("/live/client.js", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
  }

  @Test
  void theSchemaIsDescribedAsJsonAndAsTypeScript() throws Exception {
    server(ServerOptions.defaults());
    JsonNode schema = JSON.readTree(get("/live/schema.json").body());
    JsonNode tasks = schema.path("collections").path("tasks");
    assertThat(tasks.path("id").asText()).isEqualTo("id");
    assertThat(tasks.path("fields").path("due").toString()).isEqualTo("{\"type\":\"instant\",\"nullable\":true}");
    assertThat(tasks.path("fields").path("labels").path("type").asText()).isEqualTo("json");
    assertThat(tasks.path("relations").path("board").toString())
        .isEqualTo("{\"target\":\"boards\",\"many\":false,\"field\":\"boardId\"}");
    assertThat(tasks.path("relations").path("comments").toString())
        .isEqualTo("{\"target\":\"comments\",\"many\":true,\"field\":\"taskId\"}");
    assertThat(schema.path("procedures").path("openTasks").toString())
        .isEqualTo("{\"kind\":\"live\",\"collection\":\"tasks\",\"input\":true}");
    assertThat(schema.path("procedures").path("move").path("kind").asText()).isEqualTo("mutation");

    assertThat(get("/live/schema.d.ts").body()).contains("export interface AppSchema {")
        .contains("export type Status = \"TODO\" | \"DOING\" | \"DONE\";");
  }

  @Test
  void anApplicationsPagesComeFromItsClasspathFolderAfterLivesRoutes() throws Exception {
    server(ServerOptions.defaults());
    HttpResponse<String> index = get("/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.body()).contains("<html");
    assertThat(get("/index.html").body()).isEqualTo(index.body());
    assertThat(get("/no-such-page.html").statusCode()).isEqualTo(404);
    assertThat(get("/../pom.xml").statusCode()).isIn(400, 404);
    assertThat(get("/live/health").body()).contains("\"status\":\"up\"");
  }

  @Test
  void aSiteFolderThatIsNotOnTheClasspathFailsTheStart() {
    assertThatThrownBy(() -> LiveServer.builder().schema(AppSchema.INSTANCE).store(store).host("127.0.0.1").port(0)
        .site("no-such-folder").start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'no-such-folder' is not on the classpath")
        .hasMessageContaining("src/main/resources/no-such-folder/");
  }

  @Test
  void compressionIsOfferedUnlessTurnedOff() throws Exception {
    server(ServerOptions.defaults());
    assertThat(upgradeExtensions()).contains("permessage-deflate");
    server.close();
    server(ServerOptions.builder().compression(false).build());
    assertThat(upgradeExtensions()).isEmpty();
  }

  /** The Sec-WebSocket-Extensions a browser-like upgrade asking for compression gets back. */
  private String upgradeExtensions() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5000);
      String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      out.write(("GET /live HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.append((char) b);
      }
      assertThat(head.toString()).startsWith("HTTP/1.1 101");
      Matcher extensions = Pattern.compile("(?im)^Sec-WebSocket-Extensions: *(.*)$").matcher(head);
      return extensions.find() ? extensions.group(1).trim() : "";
    }
  }
}

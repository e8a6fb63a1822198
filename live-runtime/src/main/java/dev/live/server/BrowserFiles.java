package dev.live.server;

import dev.live.schema.LiveSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What a web page needs from the server, under its path: {@code /client.js} (the browser client,
 * an ES module), {@code /client.d.ts} (its type declarations), {@code /schema.json} (the schema
 * the client builds its queries from) and {@code /schema.d.ts} (the application's TypeScript
 * declarations, which the processor writes beside the schema class). Each is read once, at start,
 * and answered with an ETag so that browsers revalidate instead of downloading it again.
 */
final class BrowserFiles {
  private static final String JAVASCRIPT = "text/javascript; charset=utf-8";
  private static final String TYPESCRIPT = "application/typescript; charset=utf-8";
  private static final String JSON = "application/json; charset=utf-8";

  private final Map<String, File> files;

  /** The client's modules: the entry point imports the others by relative paths under client/. */
  private static final List<String> CLIENT_MODULES = List.of("errors.js", "query.js", "match.js", "optimistic.js",
      "results.js", "rooms.js", "pacing.js", "nodes.js");

  BrowserFiles(LiveSchema schema, String schemaJson) {
    Map<String, File> files = new HashMap<>();
    files.put("/client.js", File.of(runtimeResource("live-client.js"), JAVASCRIPT));
    files.put("/client.d.ts", File.of(runtimeResource("live-client.d.ts"), TYPESCRIPT));
    for (String module : CLIENT_MODULES) {
      files.put("/client/" + module, File.of(runtimeResource("client/" + module), JAVASCRIPT));
    }
    files.put("/schema.json", File.of(schemaJson, JSON));
    // The processor writes the application's declarations beside its schema class.
    String schemaTypes = schema.getClass().getSimpleName() + ".d.ts";
    URL schemaTypesUrl = schema.getClass().getResource(schemaTypes);
    if (schemaTypesUrl != null) {
      files.put("/schema.d.ts", File.of(read(schemaTypesUrl, schemaTypes), TYPESCRIPT));
    }
    this.files = Map.copyOf(files);
  }

  /** Answers {@code route} if it is one of these files; false for any other route. */
  boolean handle(String route, Request request, Response response, Callback callback) {
    File file = files.get(route);
    if (file == null) {
      return false;
    }
    response.getHeaders().put(HttpHeader.ETAG, file.etag());
    // Revalidated on every load: a page never runs a client older than its server.
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    if (file.etag().equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
      response.setStatus(304);
      callback.succeeded();
      return true;
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, file.contentType());
    if (request.getMethod().equals("HEAD")) {
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, file.bytes().length);
      callback.succeeded();
    } else {
      response.write(true, java.nio.ByteBuffer.wrap(file.bytes()), callback);
    }
    return true;
  }

  private static String runtimeResource(String name) {
    String path = "/dev/live/browser/" + name;
    URL url = BrowserFiles.class.getResource(path);
    if (url == null) {
      throw new IllegalStateException("the resource " + path + " is missing from live-runtime's jar");
    }
    return read(url, path);
  }

  private static String read(URL url, String name) {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  private record File(byte[] bytes, String contentType, String etag) {
    static File of(String text, String contentType) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
        return new File(bytes, contentType, "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no SHA-256", e);
      }
    }
  }
}

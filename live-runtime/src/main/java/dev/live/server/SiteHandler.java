package dev.live.server;

import java.util.List;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;

/** An application's static pages from a classpath folder ({@link LiveServer.Builder#site(String)}). */
final class SiteHandler {
  private SiteHandler() {}

  static ResourceHandler of(Server server, String classpathFolder) {
    Resource base = ResourceFactory.of(server).newClassLoaderResource(classpathFolder + "/");
    if (base == null || !base.isDirectory()) {
      throw new IllegalArgumentException("the site folder '" + classpathFolder + "' is not on the classpath;"
          + " put the pages in src/main/resources/" + classpathFolder + "/");
    }
    ResourceHandler handler = new ResourceHandler();
    handler.setBaseResource(base);
    handler.setDirAllowed(false);
    handler.setWelcomeFiles(List.of("index.html"));
    handler.setWelcomeMode(ResourceService.WelcomeMode.SERVE);
    // Pages are small and change with the app: browsers revalidate them (ETags) on every load.
    handler.setCacheControl("no-cache");
    return handler;
  }
}

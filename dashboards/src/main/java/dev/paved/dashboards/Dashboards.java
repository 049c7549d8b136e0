package dev.paved.dashboards;

import dev.paved.api.http.Caching;
import dev.paved.config.ApiConfig;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The dashboards' routes on the API server: {@code /dashboards/<page>} (one HTML shell per page)
 * and {@code /dashboards/assets/<file>} (the scripts and styles, from the classpath). The pages
 * hold no data and need no token; their scripts read {@code /api/v1} with a read token the browser
 * keeps in {@code sessionStorage}. Nothing is loaded from another origin: the Content Security
 * Policy allows this server only.
 */
public final class Dashboards implements Consumer<JavalinConfig> {
  /** The page names and their titles, in the navigation's order. */
  public static final Map<String, String> PAGES = pages();

  /**
   * The read token of the default settings: it is published in the README, so handing it to the
   * page reveals nothing; any other configured token must be typed in once per browser session.
   */
  static final String DEV_READ_TOKEN = "paved-dev-read-token";

  private static final String ASSETS = "/dev/paved/dashboards/assets/";
  private static final Map<String, String> ASSET_TYPES =
      Map.of(
          "app.js", "text/javascript; charset=utf-8",
          "api.js", "text/javascript; charset=utf-8",
          "charts.js", "text/javascript; charset=utf-8",
          "format.js", "text/javascript; charset=utf-8",
          "filters.js", "text/javascript; charset=utf-8",
          "pages.js", "text/javascript; charset=utf-8",
          "style.css", "text/css; charset=utf-8",
          "favicon.svg", "image/svg+xml");
  private static final String SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline';"
          + " img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private final Caching caching;
  private final boolean offerDevToken;
  private final Map<String, byte[]> assets = new LinkedHashMap<>();
  private final Map<String, byte[]> html = new LinkedHashMap<>();

  public Dashboards(ApiConfig config) {
    this.caching = new Caching(config.cacheMaxAgeSeconds());
    this.offerDevToken = config.readTokens().contains(DEV_READ_TOKEN);
    ASSET_TYPES.keySet().forEach(name -> assets.put(name, resource(ASSETS + name)));
    String shell = new String(resource("/dev/paved/dashboards/page.html"), StandardCharsets.UTF_8);
    PAGES.forEach((page, title) -> html.put(page, render(shell, page, title)));
  }

  @Override
  public void accept(JavalinConfig app) {
    app.routes.get("/", ctx -> ctx.redirect("/dashboards/scorecard", HttpStatus.FOUND));
    app.routes.get("/dashboards", ctx -> ctx.redirect("/dashboards/scorecard", HttpStatus.FOUND));
    app.routes.get("/dashboards/{page}", this::page);
    app.routes.get("/dashboards/assets/{file}", this::asset);
  }

  private void page(Context ctx) {
    byte[] body = html.get(ctx.pathParam("page"));
    if (body == null) {
      ctx.status(HttpStatus.NOT_FOUND);
      return;
    }
    secure(ctx);
    caching.send(ctx, "text/html; charset=utf-8", body);
  }

  private void asset(Context ctx) {
    String name = ctx.pathParam("file");
    byte[] body = assets.get(name);
    if (body == null) {
      ctx.status(HttpStatus.NOT_FOUND);
      return;
    }
    secure(ctx);
    caching.send(ctx, ASSET_TYPES.get(name), body);
  }

  private static void secure(Context ctx) {
    ctx.header("Content-Security-Policy", SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
  }

  private byte[] render(String shell, String page, String title) {
    StringBuilder nav = new StringBuilder();
    PAGES.forEach(
        (name, label) -> {
          if (!name.equals("events")) {
            nav.append("<li><a href=\"/dashboards/")
                .append(name)
                .append("\" data-nav=\"")
                .append(name)
                .append('"')
                .append(name.equals(page) ? " aria-current=\"page\"" : "")
                .append('>')
                .append(label)
                .append("</a></li>");
          }
        });
    String devToken =
        offerDevToken
            ? "<meta name=\"paved-dev-read-token\" content=\"" + DEV_READ_TOKEN + "\">"
            : "";
    return shell
        .replace("{{page}}", page)
        .replace("{{title}}", title)
        .replace("{{nav}}", nav)
        .replace("{{dev-token}}", devToken)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> pages() {
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("scorecard", "Scorecard");
    pages.put("product", "Platform product");
    pages.put("stuck-points", "Stuck points");
    pages.put("clusters", "Deviation clusters");
    pages.put("events", "Raw events");
    return pages;
  }

  private static byte[] resource(String path) {
    try (InputStream in = Dashboards.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing dashboard resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

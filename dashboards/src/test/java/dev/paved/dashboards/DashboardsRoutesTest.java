package dev.paved.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.api.ApiServer;
import dev.paved.api.health.ClickHouseStatus;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.config.ApiConfig;
import dev.paved.model.EventCodec;
import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dashboards' routes over HTTP: pages, assets, headers, and when the dev token is offered. */
class DashboardsRoutesTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static ApiServer server(List<String> tokens) {
    return new ApiServer(
        new ApiConfig(0, tokens, 5, 30),
        new ClickHouseStatus(clickhouse.connection()),
        EventCodec.mapper());
  }

  @Test
  void pagesAndAssetsComeFromThisServerWithAStrictPolicy() {
    ApiConfig config = new ApiConfig(0, List.of("a-private-token"), 5, 30);
    JavalinTest.test(
        server(config.readTokens()).create(new Dashboards(config)),
        (app, client) -> {
          for (String page : Dashboards.PAGES.keySet()) {
            var response = client.get("/dashboards/" + page);
            assertEquals(200, response.code(), page);
            String html = response.body().string();
            assertTrue(html.contains("data-page=\"" + page + "\""), page);
            // Nothing from another origin: every src and href is this server's.
            assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), page);
            String policy = response.headers().get("Content-Security-Policy").get(0);
            assertTrue(policy.contains("script-src 'self'"), policy);
            assertTrue(policy.contains("connect-src 'self'"), policy);
            // A configured token is never written into a page.
            assertFalse(html.contains("a-private-token"), page);
            assertFalse(html.contains("paved-dev-read-token"), page);
          }
          for (String asset : List.of("app.js", "pages.js", "charts.js", "style.css")) {
            var response = client.get("/dashboards/assets/" + asset);
            assertEquals(200, response.code(), asset);
            assertTrue(response.headers().get("ETag") != null, asset);
          }
          assertEquals(404, client.get("/dashboards/assets/../../Dashboards.class").code());
          assertEquals(404, client.get("/dashboards/assets/missing.js").code());
          assertEquals(404, client.get("/dashboards/nothing-here").code());
        });
  }

  @Test
  void thePublishedDevelopmentTokenIsOfferedOnlyWhileItIsConfigured() {
    ApiConfig config = new ApiConfig(0, List.of(Dashboards.DEV_READ_TOKEN), 5, 30);
    JavalinTest.test(
        server(config.readTokens()).create(new Dashboards(config)),
        (app, client) -> {
          String html = client.get("/dashboards/scorecard").body().string();
          assertTrue(
              html.contains(
                  "<meta name=\"paved-dev-read-token\" content=\""
                      + Dashboards.DEV_READ_TOKEN
                      + "\">"),
              html);
        });
  }

  @Test
  void theRootOpensTheScorecard() throws Exception {
    ApiConfig config = new ApiConfig(0, List.of("a-private-token"), 5, 30);
    JavalinTest.test(
        server(config.readTokens()).create(new Dashboards(config)),
        (app, client) -> {
          // java.net.http does not follow redirects unless asked.
          HttpResponse<String> response =
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(URI.create(client.getOrigin() + "/")).build(),
                      HttpResponse.BodyHandlers.ofString());
          assertEquals(302, response.statusCode());
          assertEquals(
              "/dashboards/scorecard", response.headers().firstValue("Location").orElse(null));
        });
  }
}

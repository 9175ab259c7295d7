package dev.surge.loadtest;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A shopper who searches and narrows with facets, on the 100,000-product demo catalog.
 *
 * <p>Journey: the whole catalog with facets; a category with facets; a text search with facets
 * (30% with one letter dropped); the same search narrowed by an attribute value taken from its
 * facets, in stock, under a price, sorted by price, with facets; then up to three next pages of that
 * narrowed search by cursor.
 *
 * <p>System properties as in {@link CatalogSimulation} ({@code baseUrl}, loopback only; {@code users}
 * (100) over {@code rampSeconds} (20), then {@code rate} (10) users/s for {@code durationSeconds} (40);
 * {@code thinkMinMs}/{@code thinkMaxMs} (100/400); {@code typoRatio} (0.3)).
 *
 * <p>Budgets: p95 of all requests &lt; 200 ms, failed requests &lt; 1%.
 */
public class SearchSimulation extends Simulation {

  static final String BASE_URL =
      Settings.stripTrailingSlash(Settings.prop("baseUrl", "http://127.0.0.1:8080"));
  static final int USERS = Settings.intProp("users", 100);
  static final int RAMP_SECONDS = Settings.intProp("rampSeconds", 20);
  static final double RATE = Settings.doubleProp("rate", 10.0);
  static final int DURATION_SECONDS = Settings.intProp("durationSeconds", 40);
  static final int THINK_MIN_MS = Settings.intProp("thinkMinMs", 100);
  static final int THINK_MAX_MS = Math.max(THINK_MIN_MS, Settings.intProp("thinkMaxMs", 400));
  static final double TYPO_RATIO = Settings.doubleProp("typoRatio", 0.3);

  /** Title words of the demo catalog: nouns of each category, and adjectives (up to 1 title in 20). */
  static final List<String> WORDS = List.of("headphones", "earbuds", "speaker", "laptop", "smartphone", "camera",
      "kettle", "blender", "armchair", "bookshelf", "lamp", "jacket", "sweater", "dress", "coat", "sneakers",
      "boots", "backpack", "wallet", "sunglasses", "tent", "kettlebell", "helmet", "serum", "cologne", "novel",
      "puzzle", "coffee", "granola", "wireless", "premium", "vintage", "waterproof", "portable", "leather");

  static final String REQ_BROWSE = "browse + facets";
  static final String REQ_CATEGORY = "category + facets";
  static final String REQ_SEARCH = "search + facets";
  static final String REQ_TYPO = "search typo + facets";
  static final String REQ_FILTERED = "filtered search + facets";
  static final String REQ_NEXT = "filtered search next page";

  static {
    Settings.requireLoopback(BASE_URL);
  }

  final HttpProtocolBuilder httpProtocol =
      http.baseUrl(BASE_URL)
          .acceptHeader("application/json")
          .acceptEncodingHeader("gzip, deflate")
          .userAgentHeader("surge-loadtest/gatling")
          .disableWarmUp()
          .disableCaching();

  static ChainBuilder think() {
    return pause(Duration.ofMillis(THINK_MIN_MS), Duration.ofMillis(THINK_MAX_MS));
  }

  final ChainBuilder browse =
      exec(http(REQ_BROWSE)
              .get("/api/v1/products?limit=20&facets=true")
              .check(status().is(200), jmesPath("facets.categories[*].slug").ofList().saveAs("categorySlugs")))
          .exitHereIfFailed();

  final ChainBuilder category =
      exec(session -> session.set("categorySlug", CatalogSimulation.randomElement(session.getList("categorySlugs"))))
          .exec(http(REQ_CATEGORY)
              .get("/api/v1/products?limit=20&facets=true&category=#{categorySlug}")
              .check(status().is(200), jmesPath("facets.price.buckets").ofList().exists()));

  final ChainBuilder search =
      exec(session -> {
            String word = CatalogSimulation.randomElement(WORDS);
            boolean typo = ThreadLocalRandom.current().nextDouble() < TYPO_RATIO;
            return session.set("q", typo ? CatalogSimulation.dropOneLetter(word) : word).set("typo", typo);
          })
          .doIfOrElse(session -> session.getBoolean("typo"))
          .then(exec(searchRequest(REQ_TYPO)))
          .orElse(exec(searchRequest(REQ_SEARCH)));

  static io.gatling.javaapi.http.HttpRequestActionBuilder searchRequest(String name) {
    return http(name)
        .get("/api/v1/search")
        .queryParam("q", "#{q}")
        .queryParam("limit", 20)
        .queryParam("facets", true)
        .check(status().is(200),
            jsonPath("$.facets.attributes[*]").ofMap().findRandom().optional().saveAs("attribute"));
  }

  /** The search narrowed by one value of one attribute from its facets, when it had any. */
  final ChainBuilder narrow =
      doIf(session -> session.contains("attribute"))
          .then(exec(session -> {
                Map<String, Object> attribute = session.getMap("attribute");
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> values = (List<Map<String, Object>>) attribute.get("values");
                return session.set("attrParam", "attr." + attribute.get("key"))
                    .set("attrValue", CatalogSimulation.randomElement(values).get("value"))
                    .remove("cursor");
              })
              .exec(filteredPage(REQ_FILTERED, true))
              .repeat(3).on(doIf(session -> session.contains("cursor"))
                  .then(think().exec(filteredPage(REQ_NEXT, false)))));

  static ChainBuilder filteredPage(String name, boolean facets) {
    return exec(http(name)
            .get("/api/v1/search")
            .queryParamMap(session -> {
              Map<String, Object> params = new LinkedHashMap<>();
              params.put("q", session.getString("q"));
              params.put(session.getString("attrParam"), session.getString("attrValue"));
              params.put("inStock", true);
              params.put("maxPrice", 100_000);
              params.put("sort", "price_asc");
              params.put("limit", 20);
              if (facets) {
                params.put("facets", true);
              }
              if (session.contains("cursor")) {
                params.put("cursor", session.getString("cursor"));
              }
              return params;
            })
            .check(status().is(200), jmesPath("nextCursor").ofString().optional().saveAs("found")))
        .exec(session -> {
          String cursor = session.contains("found") ? session.getString("found") : null;
          Session s = session.removeAll("cursor", "found");
          return cursor == null || cursor.isEmpty() ? s : s.set("cursor", cursor);
        });
  }

  final ScenarioBuilder shopper =
      scenario("search shopper")
          .exec(browse).exec(think())
          .exec(category).exec(think())
          .exec(search).exec(think())
          .exec(narrow);

  {
    setUp(shopper.injectOpen(
                rampUsers(USERS).during(Duration.ofSeconds(RAMP_SECONDS)),
                constantUsersPerSec(RATE).during(Duration.ofSeconds(DURATION_SECONDS)).randomized())
            .protocols(httpProtocol))
        .maxDuration(Duration.ofSeconds(RAMP_SECONDS + DURATION_SECONDS + 60))
        .assertions(
            global().responseTime().percentile(95.0).lt(200),
            global().failedRequests().percent().lt(1.0));
  }
}

package dev.surge.loadtest;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;
import static dev.surge.loadtest.Settings.*;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A shopper browsing the public catalog API of Surge.
 *
 * <p>Journey: featured products + category tree, one category listing (following {@code nextCursor}
 * once or twice), 1-3 product details (sometimes revalidated with {@code If-None-Match}), then a
 * search for a word taken from a product title seen earlier (sometimes with one letter dropped).
 *
 * <p>System properties (all optional):
 *
 * <ul>
 *   <li>{@code baseUrl} (default {@code http://127.0.0.1:8080}); must be a loopback address unless
 *       {@code allowNonLoopback=true}
 *   <li>{@code users} (200) users arriving evenly over {@code rampSeconds} (30), then
 *   <li>{@code rate} (20) users/s arriving for {@code durationSeconds} (60)
 *   <li>{@code maxDurationSeconds} (rampSeconds + durationSeconds + 60): hard stop of the run
 *   <li>{@code thinkMinMs} (200) / {@code thinkMaxMs} (800): think pause between steps; 0/0 for none
 *   <li>{@code typoRatio} (0.3): share of searches with one letter dropped (words of 5+ letters)
 * </ul>
 *
 * <p>Budgets (the run fails if any is missed): p95 of all requests &lt; 200 ms, failed requests &lt;
 * 1%, p95 of group "search" &lt; 200 ms.
 */
public class CatalogSimulation extends Simulation {

  // ---- configuration --------------------------------------------------------------------------

  static final String BASE_URL = baseUrl();
  static final int USERS = nonNegative("users", intProp("users", 200));
  static final int RAMP_SECONDS = positive("rampSeconds", intProp("rampSeconds", 30));
  static final int DURATION_SECONDS = nonNegative("durationSeconds", intProp("durationSeconds", 60));
  static final double RATE = nonNegative("rate", doubleProp("rate", 20.0));
  static final int MAX_DURATION_SECONDS =
      positive(
          "maxDurationSeconds", intProp("maxDurationSeconds", RAMP_SECONDS + DURATION_SECONDS + 60));
  static final int THINK_MIN_MS = nonNegative("thinkMinMs", intProp("thinkMinMs", 200));
  static final int THINK_MAX_MS = Math.max(THINK_MIN_MS, intProp("thinkMaxMs", 800));
  static final double TYPO_RATIO = doubleProp("typoRatio", 0.3);

  static final int PAGE_SIZE = 20;
  static final int FEATURED_LIMIT = 12;
  static final List<String> SORTS = List.of("newest", "price_asc", "price_desc");

  // Budgets.
  static final int P95_BUDGET_MS = 200;
  static final double FAILED_BUDGET_PERCENT = 1.0;
  static final int SEARCH_P95_BUDGET_MS = 200;

  // Request and group names, as they appear in the report.
  static final String REQ_FEATURED = "featured";
  static final String REQ_CATEGORIES = "categories";
  static final String REQ_CATEGORY_PAGE = "products by category";
  static final String REQ_NEXT_PAGE = "products next page";
  static final String REQ_DETAIL = "product detail";
  static final String REQ_DETAIL_304 = "product detail (If-None-Match)";
  static final String GROUP_SEARCH = "search";
  static final String REQ_SEARCH_EXACT = "search exact word";
  static final String REQ_SEARCH_TYPO = "search typo";

  // Session keys.
  static final String SEEN_REFS = "seenRefs"; // product slugs and ids seen in list responses
  static final String SEEN_TITLES = "seenTitles";
  static final String PAGE_SLUGS = "pageSlugs";
  static final String PAGE_IDS = "pageIds";
  static final String PAGE_TITLES = "pageTitles";
  static final String NEXT_CURSOR = "nextCursor";

  // ---- protocol -------------------------------------------------------------------------------

  final HttpProtocolBuilder httpProtocol =
      http.baseUrl(BASE_URL)
          .acceptHeader("application/json")
          .acceptEncodingHeader("gzip, deflate")
          .userAgentHeader("surge-loadtest/gatling")
          // No request to the default warm-up URL (an outside host): all traffic stays on baseUrl.
          .disableWarmUp()
          // Conditional requests are sent explicitly below, so Gatling's own cache stays out of it.
          .disableCaching();

  // ---- checks shared by list responses --------------------------------------------------------

  /** Saves the slugs, ids and titles of a list response, then adds them to what the user has seen. */
  static ChainBuilder rememberPage() {
    return exec(
        session -> {
          List<Object> refs = new ArrayList<>(listOrEmpty(session, SEEN_REFS));
          refs.addAll(listOrEmpty(session, PAGE_SLUGS));
          refs.addAll(listOrEmpty(session, PAGE_IDS));
          List<Object> titles = new ArrayList<>(listOrEmpty(session, SEEN_TITLES));
          titles.addAll(listOrEmpty(session, PAGE_TITLES));
          return session
              .set(SEEN_REFS, refs)
              .set(SEEN_TITLES, titles)
              .removeAll(PAGE_SLUGS, PAGE_IDS, PAGE_TITLES);
        });
  }

  // ---- steps ----------------------------------------------------------------------------------

  static ChainBuilder think() {
    return pause(Duration.ofMillis(THINK_MIN_MS), Duration.ofMillis(THINK_MAX_MS));
  }

  final ChainBuilder home =
      exec(
              http(REQ_FEATURED)
                  .get("/api/v1/products/featured")
                  .queryParam("limit", FEATURED_LIMIT)
                  .check(
                      status().is(200),
                      jmesPath("items[*].slug").ofList().saveAs(PAGE_SLUGS),
                      jmesPath("items[*].id").ofList().saveAs(PAGE_IDS),
                      jmesPath("items[*].title").ofList().saveAs(PAGE_TITLES)),
              http(REQ_CATEGORIES)
                  .get("/api/v1/categories")
                  .check(
                      status().is(200),
                      jmesPath("items").ofList().exists(),
                      // any category of the tree, top-level or child
                      jsonPath("$..slug").findRandom().name("category slug").saveAs("categorySlug")))
          .exec(rememberPage())
          // without a category there is nothing to browse: this user stops here (already counted KO)
          .exitHereIfFailed();

  final ChainBuilder browseCategory =
      exec(
              session ->
                  session
                      .set("sort", SORTS.get(ThreadLocalRandom.current().nextInt(SORTS.size())))
                      .set("extraPages", ThreadLocalRandom.current().nextInt(1, 3)) // 1 or 2
                      .remove(NEXT_CURSOR))
          .exec(productPage(REQ_CATEGORY_PAGE))
          .exec(rememberPage())
          .doIf(session -> session.contains(NEXT_CURSOR) && session.getInt("extraPages") >= 1)
          .then(think().exec(productPage(REQ_NEXT_PAGE)).exec(rememberPage()))
          .doIf(session -> session.contains(NEXT_CURSOR) && session.getInt("extraPages") >= 2)
          .then(think().exec(productPage(REQ_NEXT_PAGE)).exec(rememberPage()));

  /**
   * One page of {@code GET /api/v1/products}, in the user's category and sort order, from the
   * user's {@code nextCursor} if there is one. Saves the next cursor only when it is not null.
   */
  static ChainBuilder productPage(String requestName) {
    return exec(
            http(requestName)
                .get("/api/v1/products")
                .queryParamMap(
                    session -> {
                      Map<String, Object> params = new LinkedHashMap<>();
                      params.put("limit", PAGE_SIZE);
                      params.put("category", session.getString("categorySlug"));
                      params.put("sort", session.getString("sort"));
                      if (session.contains(NEXT_CURSOR)) {
                        params.put("cursor", session.getString(NEXT_CURSOR));
                      }
                      return params;
                    })
                .check(
                    status().is(200),
                    jmesPath("items[*].slug").ofList().saveAs(PAGE_SLUGS),
                    jmesPath("items[*].id").ofList().saveAs(PAGE_IDS),
                    jmesPath("items[*].title").ofList().saveAs(PAGE_TITLES),
                    // absent or null on the last page
                    jmesPath("nextCursor").ofString().optional().saveAs("foundCursor")))
        .exec(
            session -> {
              // an optional check that finds nothing keeps the old value: never reuse a cursor
              String cursor =
                  session.contains("foundCursor") ? session.getString("foundCursor") : null;
              Session s = session.removeAll(NEXT_CURSOR, "foundCursor");
              return cursor == null || cursor.isEmpty() ? s : s.set(NEXT_CURSOR, cursor);
            });
  }

  /** 1-3 product details, each picked among the slugs and ids this user has seen in lists. */
  final ChainBuilder viewProducts =
      doIf(session -> !listOrEmpty(session, SEEN_REFS).isEmpty())
          .then(
              exec(session -> session.set("detailCount", ThreadLocalRandom.current().nextInt(1, 4)))
                  .repeat(session -> session.getInt("detailCount"))
                  .on(productDetail().exec(think())));

  static ChainBuilder productDetail() {
    return exec(session ->
            session
                .set("productRef", randomElement(listOrEmpty(session, SEEN_REFS)))
                .remove("etag"))
        .exec(
            http(REQ_DETAIL)
                .get("/api/v1/products/#{productRef}")
                .check(
                    status().is(200),
                    jmesPath("id").ofString().exists(),
                    jmesPath("slug").ofString().exists(),
                    jmesPath("title").ofString().exists(),
                    jmesPath("variants").ofList().exists(),
                    jmesPath("images").ofList().exists(),
                    header("ETag").exists().saveAs("etag")))
        // a returning visitor: about one detail in four is revalidated with the ETag
        .doIf(session -> session.contains("etag") && ThreadLocalRandom.current().nextInt(4) == 0)
        .then(
            exec(
                http(REQ_DETAIL_304)
                    .get("/api/v1/products/#{productRef}")
                    .header("If-None-Match", "#{etag}")
                    .check(status().is(304))));
  }

  final ChainBuilder search =
      exec(
              session -> {
                String word = randomTitleWord(listOrEmpty(session, SEEN_TITLES));
                if (word == null) {
                  return session.remove("searchQuery");
                }
                // a dropped letter only in words of 5+ letters, where typo tolerance is expected
                boolean typo =
                    word.length() >= 5 && ThreadLocalRandom.current().nextDouble() < TYPO_RATIO;
                return session
                    .set("searchQuery", typo ? dropOneLetter(word) : word)
                    .set("searchTypo", typo);
              })
          .doIf(session -> session.contains("searchQuery"))
          .then(
              group(GROUP_SEARCH)
                  .on(
                      doIfOrElse(session -> session.getBoolean("searchTypo"))
                          .then(exec(searchRequest(REQ_SEARCH_TYPO)))
                          .orElse(exec(searchRequest(REQ_SEARCH_EXACT)))));

  static HttpRequestActionBuilder searchRequest(String name) {
    return http(name)
        .get("/api/v1/search")
        .queryParam("q", "#{searchQuery}")
        .queryParam("limit", PAGE_SIZE)
        .check(status().is(200), jmesPath("items").ofList().exists());
  }

  final ScenarioBuilder shopper =
      scenario("catalog shopper")
          .exec(home)
          .exec(think())
          .exec(browseCategory)
          .exec(think())
          .exec(viewProducts)
          .exec(search);

  {
    setUp(
            shopper
                .injectOpen(injectionProfile())
                .protocols(httpProtocol))
        .maxDuration(Duration.ofSeconds(MAX_DURATION_SECONDS))
        .assertions(
            global().responseTime().percentile(95.0).lt(P95_BUDGET_MS),
            global().failedRequests().percent().lt(FAILED_BUDGET_PERCENT),
            details(GROUP_SEARCH).responseTime().percentile(95.0).lt(SEARCH_P95_BUDGET_MS));
  }

  /**
   * {@code users} arriving evenly over {@code rampSeconds}, then {@code rate} arrivals per second
   * (Poisson-like) for {@code durationSeconds}. A phase of 0 users, 0 rate or 0 seconds is left out.
   */
  static List<OpenInjectionStep> injectionProfile() {
    List<OpenInjectionStep> steps = new ArrayList<>();
    if (USERS > 0) {
      steps.add(rampUsers(USERS).during(Duration.ofSeconds(RAMP_SECONDS)));
    }
    if (RATE > 0 && DURATION_SECONDS > 0) {
      steps.add(constantUsersPerSec(RATE).during(Duration.ofSeconds(DURATION_SECONDS)).randomized());
    }
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("nothing to inject: users, or rate and durationSeconds, must be > 0");
    }
    return steps;
  }

  // ---- helpers --------------------------------------------------------------------------------

  static List<Object> listOrEmpty(Session session, String key) {
    return session.contains(key) ? session.getList(key) : Collections.emptyList();
  }

  static <T> T randomElement(List<T> list) {
    return list.get(ThreadLocalRandom.current().nextInt(list.size()));
  }

  /** A word of at least 4 letters or digits from a random title, or null if there is none. */
  static String randomTitleWord(List<Object> titles) {
    List<String> words = new ArrayList<>();
    for (Object title : titles) {
      if (title == null) {
        continue;
      }
      for (String word : title.toString().split("[^\\p{L}\\p{N}]+")) {
        if (word.length() >= 4) {
          words.add(word.toLowerCase(Locale.ROOT));
        }
      }
    }
    return words.isEmpty() ? null : randomElement(words);
  }

  /** Drops one letter, never the first (typo-tolerant search commonly anchors on it). */
  static String dropOneLetter(String word) {
    int i = ThreadLocalRandom.current().nextInt(1, word.length());
    return word.substring(0, i) + word.substring(i + 1);
  }
}

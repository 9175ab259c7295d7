package dev.surge.loadtest;

import static dev.surge.loadtest.Settings.*;
import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Shoppers with a cart: guests (cart token in {@code X-Cart-Token}) and signed-in customers (a bearer
 * token minted with the server's key, see {@link AccessTokenMinter}), a fixed number of them at any
 * time.
 *
 * <p>Journey: read the cart, add three variants one by one (reading the cart in between), change the
 * first line's quantity, remove the second line, read the cart; some guests then sign in and merge
 * their cart ({@code POST /api/v1/cart/merge}); some shoppers clear their cart. Every answer is
 * checked for the lines the shopper expects. Between steps the shopper pauses to think.
 *
 * <p>Before the shoppers (outside the statistics): up to {@code variants} variants in stock, priced in
 * {@code currency}, with at least {@code minAvailable} units available (a cart answers 409 for more
 * than that), taken from the newest in-stock products.
 *
 * <p>System properties (all optional): {@code baseUrl}, {@code jwtKeyFile}, {@code users} (200
 * concurrent shoppers), {@code rampSeconds} (20) to reach them, {@code durationSeconds} (60) at that
 * level, {@code thinkMinMs} / {@code thinkMaxMs} (500 / 1500), {@code signedInRatio} (0.5), {@code
 * mergeRatio} (0.2 of guests sign in and merge), {@code clearRatio} (0.2), {@code variants} (40),
 * {@code currency} (USD), {@code minAvailable} (20), {@code p95Ms} (10) and {@code p99Ms} (unset: no
 * assertion) of all requests, {@code maxFailedPercent} (0), {@code maxDurationSeconds} (rampSeconds +
 * durationSeconds + 60).
 */
public class CartSimulation extends Simulation {

  static final String BASE_URL = baseUrl();
  static final int USERS = positive("users", intProp("users", 200));
  static final int RAMP_SECONDS = nonNegative("rampSeconds", intProp("rampSeconds", 20));
  static final int DURATION_SECONDS = positive("durationSeconds", intProp("durationSeconds", 60));
  static final int THINK_MIN_MS = nonNegative("thinkMinMs", intProp("thinkMinMs", 500));
  static final int THINK_MAX_MS = Math.max(THINK_MIN_MS, intProp("thinkMaxMs", 1500));
  static final double SIGNED_IN_RATIO = ratio("signedInRatio", doubleProp("signedInRatio", 0.5));
  static final double MERGE_RATIO = ratio("mergeRatio", doubleProp("mergeRatio", 0.2));
  static final double CLEAR_RATIO = ratio("clearRatio", doubleProp("clearRatio", 0.2));
  static final int VARIANTS = positive("variants", intProp("variants", 40));
  static final String CURRENCY = prop("currency", "USD").toUpperCase(Locale.ROOT);
  static final int MIN_AVAILABLE = positive("minAvailable", intProp("minAvailable", 20));
  static final int P95_MS = positive("p95Ms", intProp("p95Ms", 10));
  static final int P99_MS = intProp("p99Ms", 0);
  static final double MAX_FAILED_PERCENT = nonNegative("maxFailedPercent", doubleProp("maxFailedPercent", 0));
  static final int MAX_DURATION_SECONDS =
      positive("maxDurationSeconds", intProp("maxDurationSeconds", RAMP_SECONDS + DURATION_SECONDS + 60));

  static final String REQ_READ = "cart read";
  static final String REQ_ADD = "cart add item";
  static final String REQ_CHANGE = "cart change quantity";
  static final String REQ_REMOVE = "cart remove item";
  static final String REQ_CLEAR = "cart clear";
  static final String REQ_MERGE = "cart merge at sign-in";

  static final String TOKEN_HEADER = "X-Cart-Token";

  // Filled in before(), read by the virtual users.
  static volatile List<String> variantPool = List.of();
  static volatile AccessTokenMinter.Supply customerTokens;

  final HttpProtocolBuilder httpProtocol = jsonProtocol(BASE_URL, "surge-loadtest/gatling");

  /** A cart request as this shopper: bearer token when signed in, else the cart token once there is one. */
  static HttpRequestActionBuilder asShopper(HttpRequestActionBuilder request) {
    return request
        .sign((req, session) -> {
          if (session.contains("bearer")) {
            req.getHeaders().set("Authorization", "Bearer " + session.getString("bearer"));
          }
          if (session.contains("cartToken")) {
            req.getHeaders().set(TOKEN_HEADER, session.getString("cartToken"));
          }
          return req;
        })
        .check(
            status().is(200),
            jmesPath("items").ofList().exists(),
            // a guest's cart answers its token once it exists: keep the newest
            header(TOKEN_HEADER).optional().saveAs("cartToken"));
  }

  /** The answer's lines are exactly the shopper's expected ones (variant ids, in any order). */
  static CheckBuilder linesAre(String... keys) {
    return jmesPath("sort(items[*].variantId)").ofList().is(session -> {
      List<Object> expected = new ArrayList<>();
      for (String key : keys) {
        expected.add(session.getString(key));
      }
      expected.sort(null);
      return expected;
    }).name("cart lines");
  }

  static ChainBuilder think() {
    return pause(Duration.ofMillis(THINK_MIN_MS), Duration.ofMillis(THINK_MAX_MS));
  }

  static HttpRequestActionBuilder add(String variantKey, int quantity, String... expectedLines) {
    return asShopper(http(REQ_ADD).post("/api/v1/cart/items")
            .body(StringBody(session -> "{\"variantId\":\"" + session.getString(variantKey) + "\",\"quantity\":" + quantity + "}")))
        .check(linesAre(expectedLines));
  }

  static Session start(Session session) {
    List<String> pool = new ArrayList<>(variantPool);
    Collections.shuffle(pool, ThreadLocalRandom.current());
    ThreadLocalRandom random = ThreadLocalRandom.current();
    boolean signedIn = random.nextDouble() < SIGNED_IN_RATIO;
    Session s = session
        .set("v1", pool.get(0))
        .set("v2", pool.get(1))
        .set("v3", pool.get(2))
        .set("merge", !signedIn && random.nextDouble() < MERGE_RATIO)
        .set("clear", random.nextDouble() < CLEAR_RATIO)
        .removeAll("bearer", "cartToken");
    return signedIn ? s.set("bearer", customerTokens.next()) : s;
  }

  final ScenarioBuilder shopper =
      scenario("cart shopper")
          .exec(CartSimulation::start)
          .exec(asShopper(http(REQ_READ).get("/api/v1/cart")).check(linesAre()))
          .exec(think())
          .exec(add("v1", 1, "v1"))
          .exec(think())
          .exec(add("v2", 1, "v1", "v2"))
          .exec(think())
          .exec(asShopper(http(REQ_READ).get("/api/v1/cart")).check(linesAre("v1", "v2")))
          .exec(think())
          .exec(asShopper(http(REQ_CHANGE).patch("/api/v1/cart/items/#{v1}").body(StringBody("{\"quantity\":3}")))
              .check(linesAre("v1", "v2"), jmesPath("items[?variantId=='#{v1}'].quantity | [0]").ofInt().is(3)))
          .exec(think())
          .exec(add("v3", 2, "v1", "v2", "v3"))
          .exec(think())
          .exec(asShopper(http(REQ_REMOVE).delete("/api/v1/cart/items/#{v2}")).check(linesAre("v1", "v3")))
          .exec(think())
          .exec(asShopper(http(REQ_READ).get("/api/v1/cart")).check(linesAre("v1", "v3")))
          .doIf("#{merge}")
          .then(think()
              .exec(session -> session.set("bearer", customerTokens.next()))
              .exec(asShopper(http(REQ_MERGE).post("/api/v1/cart/merge")).check(linesAre("v1", "v3")))
              .exec(session -> session.remove("cartToken")))
          .doIf("#{clear}")
          .then(think().exec(asShopper(http(REQ_CLEAR).delete("/api/v1/cart")).check(linesAre())));

  {
    List<ClosedInjectionStep> steps = new ArrayList<>();
    if (RAMP_SECONDS > 0) {
      steps.add(rampConcurrentUsers(0).to(USERS).during(Duration.ofSeconds(RAMP_SECONDS)));
    }
    steps.add(constantConcurrentUsers(USERS).during(Duration.ofSeconds(DURATION_SECONDS)));
    List<io.gatling.javaapi.core.Assertion> assertions = new ArrayList<>(List.of(
        global().responseTime().percentile(95.0).lt(P95_MS),
        global().failedRequests().percent().lte(MAX_FAILED_PERCENT)));
    if (P99_MS > 0) {
      assertions.add(global().responseTime().percentile(99.0).lt(P99_MS));
    }
    setUp(shopper.injectClosed(steps).protocols(httpProtocol))
        .maxDuration(Duration.ofSeconds(MAX_DURATION_SECONDS))
        .assertions(assertions);
  }

  @Override
  public void before() {
    AccessTokenMinter minter = AccessTokenMinter.fromSettings();
    SurgeClient admin = new SurgeClient(BASE_URL, minter.mint("ADMIN"));
    List<String> pool = new ArrayList<>();
    for (String variant : admin.inStockVariants(VARIANTS * 3, CURRENCY)) {
      JsonNode level = admin.get("/api/v1/admin/inventory/" + variant, 200);
      if (level.path("available").asInt() >= MIN_AVAILABLE && pool.size() < VARIANTS) {
        pool.add(variant);
      }
    }
    if (pool.size() < 3) {
      throw new IllegalStateException("fewer than 3 variants in " + CURRENCY + " with " + MIN_AVAILABLE
          + "+ units available at " + BASE_URL);
    }
    variantPool = List.copyOf(pool);
    customerTokens = minter.supply(2_000);
    System.out.printf(Locale.ROOT, "Cart: %d variants in %s, %d concurrent shoppers (%.0f%% signed in)%n",
        pool.size(), CURRENCY, USERS, SIGNED_IN_RATIO * 100);
  }

  @Override
  public void after() {
    if (customerTokens != null) {
      customerTokens.close();
    }
  }
}

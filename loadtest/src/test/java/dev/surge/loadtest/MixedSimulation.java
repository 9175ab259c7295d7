package dev.surge.loadtest;

import static dev.surge.loadtest.Settings.*;
import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.ScenarioBuilder;
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
 * A storefront day, for a soak: visitors arrive at a steady rate and each does one of three things,
 * chosen with {@code randomSwitch}: browse anonymously ({@link BrowseJourney}: the rest, 85% by
 * default), fill a guest cart ({@code cartPercent}, 12%), or sign up and buy ({@link CheckoutJourney},
 * {@code checkoutPercent}, 3%).
 *
 * <p>The cart visitor is a guest (cart token in {@code X-Cart-Token}; signed-in carts are {@link
 * CartSimulation}'s): reads the empty cart, adds two variants, reads, changes the first line to 2 units,
 * removes the second, reads again, thinking between steps; every answer is checked for its lines.
 *
 * <p>Before the visitors (admin token minted with the server's key, outside the statistics): up to 50
 * USD variants with at least {@code minAvailable} units available, shared by carts and checkouts.
 *
 * <p>System properties (all optional): {@code baseUrl}, {@code jwtKeyFile}; {@code rate} (5) visitors
 * per second after a ramp from 0 over {@code rampSeconds} (30), for {@code durationSeconds} (180);
 * {@code cartPercent} (12), {@code checkoutPercent} (3); {@code thinkMinMs} / {@code thinkMaxMs} (500 /
 * 2000); {@code typoRatio} (0.3); {@code pay} (true), {@code maxPolls} (20), {@code pollMs} (100);
 * {@code minAvailable} (100); budgets {@code p95Ms} (200: all requests, and each browse, sign-up and
 * checkout request), {@code cartP95Ms} (50, each cart request), {@code checkoutP95Ms} (1000, the
 * checkout group), {@code maxFailedPercent} (1); {@code maxDurationSeconds} (rampSeconds +
 * durationSeconds + 120).
 */
public class MixedSimulation extends Simulation {

  static final String BASE_URL = baseUrl();
  static final double RATE = CheckoutSimulation.positiveRate(doubleProp("rate", 5.0));
  static final int RAMP_SECONDS = nonNegative("rampSeconds", intProp("rampSeconds", 30));
  static final int DURATION_SECONDS = positive("durationSeconds", intProp("durationSeconds", 180));
  static final double CART_PERCENT = nonNegative("cartPercent", doubleProp("cartPercent", 12));
  static final double CHECKOUT_PERCENT = nonNegative("checkoutPercent", doubleProp("checkoutPercent", 3));
  static final int THINK_MIN_MS = nonNegative("thinkMinMs", intProp("thinkMinMs", 500));
  static final int THINK_MAX_MS = Math.max(THINK_MIN_MS, intProp("thinkMaxMs", 2000));
  static final double TYPO_RATIO = ratio("typoRatio", doubleProp("typoRatio", 0.3));
  static final boolean PAY = Boolean.parseBoolean(prop("pay", "true"));
  static final int MAX_POLLS = positive("maxPolls", intProp("maxPolls", 20));
  static final int POLL_MS = nonNegative("pollMs", intProp("pollMs", 100));
  static final int MIN_AVAILABLE = positive("minAvailable", intProp("minAvailable", 100));
  static final int P95_MS = positive("p95Ms", intProp("p95Ms", 200));
  static final int CART_P95_MS = positive("cartP95Ms", intProp("cartP95Ms", 50));
  static final int CHECKOUT_P95_MS = positive("checkoutP95Ms", intProp("checkoutP95Ms", 1000));
  static final double MAX_FAILED_PERCENT = nonNegative("maxFailedPercent", doubleProp("maxFailedPercent", 1.0));
  static final int MAX_DURATION_SECONDS =
      positive("maxDurationSeconds", intProp("maxDurationSeconds", RAMP_SECONDS + DURATION_SECONDS + 120));

  static final String REQ_CART_READ = "guest cart read";
  static final String REQ_CART_ADD = "guest cart add";
  static final String REQ_CART_CHANGE = "guest cart change quantity";
  static final String REQ_CART_REMOVE = "guest cart remove";
  static final List<String> CART_REQUESTS = List.of(REQ_CART_READ, REQ_CART_ADD, REQ_CART_CHANGE, REQ_CART_REMOVE);

  static {
    if (CART_PERCENT + CHECKOUT_PERCENT > 100) {
      throw new IllegalArgumentException("cartPercent + checkoutPercent must be <= 100");
    }
  }

  final HttpProtocolBuilder httpProtocol =
      http.baseUrl(BASE_URL)
          .acceptHeader("application/json")
          .acceptEncodingHeader("gzip, deflate")
          .contentTypeHeader("application/json")
          .userAgentHeader("surge-loadtest/gatling")
          .disableWarmUp()
          .disableCaching();

  static ChainBuilder think() {
    return pause(Duration.ofMillis(THINK_MIN_MS), Duration.ofMillis(THINK_MAX_MS));
  }

  /** A cart request as this guest: its cart token once it has one; every answer names the expected lines. */
  static HttpRequestActionBuilder guest(HttpRequestActionBuilder request, String... lines) {
    return request
        .sign((req, session) -> {
          if (session.contains("cartToken")) {
            req.getHeaders().set("X-Cart-Token", session.getString("cartToken"));
          }
          return req;
        })
        .check(
            status().is(200),
            header("X-Cart-Token").optional().saveAs("cartToken"),
            jmesPath("sort(items[*].variantId)").ofList().is(session -> {
              List<Object> expected = new ArrayList<>();
              for (String key : lines) {
                expected.add(session.getString(key));
              }
              expected.sort(null);
              return expected;
            }).name("cart lines"));
  }

  static final ChainBuilder guestCart =
      exec(session -> {
            List<String> pool = new ArrayList<>(CheckoutJourney.variantPool);
            Collections.shuffle(pool, ThreadLocalRandom.current());
            return session.set("v1", pool.get(0)).set("v2", pool.get(1)).remove("cartToken");
          })
          .exec(guest(http(REQ_CART_READ).get("/api/v1/cart")))
          .exec(think())
          .exec(guest(http(REQ_CART_ADD).post("/api/v1/cart/items")
              .body(StringBody("{\"variantId\":\"#{v1}\",\"quantity\":1}")), "v1"))
          .exec(think())
          .exec(guest(http(REQ_CART_ADD).post("/api/v1/cart/items")
              .body(StringBody("{\"variantId\":\"#{v2}\",\"quantity\":1}")), "v1", "v2"))
          .exec(think())
          .exec(guest(http(REQ_CART_READ).get("/api/v1/cart"), "v1", "v2"))
          .exec(think())
          .exec(guest(http(REQ_CART_CHANGE).patch("/api/v1/cart/items/#{v1}")
              .body(StringBody("{\"quantity\":2}")), "v1", "v2"))
          .exec(think())
          .exec(guest(http(REQ_CART_REMOVE).delete("/api/v1/cart/items/#{v2}"), "v1"))
          .exec(think())
          .exec(guest(http(REQ_CART_READ).get("/api/v1/cart"), "v1"));

  final ScenarioBuilder visitor =
      scenario("storefront visitor")
          .randomSwitch()
          .on(
              new Choice.WithWeight(CHECKOUT_PERCENT, CheckoutJourney.signUp()
                  .exec(think())
                  .exec(CheckoutJourney.checkout(PAY, "sandbox", MAX_POLLS, POLL_MS))),
              new Choice.WithWeight(CART_PERCENT, guestCart),
              new Choice.WithWeight(100 - CART_PERCENT - CHECKOUT_PERCENT,
                  BrowseJourney.journey(THINK_MIN_MS, THINK_MAX_MS, TYPO_RATIO)));

  {
    List<Assertion> assertions = new ArrayList<>(List.of(
        global().responseTime().percentile(95.0).lt(P95_MS),
        global().failedRequests().percent().lt(MAX_FAILED_PERCENT)));
    for (String request : BrowseJourney.REQUESTS) {
      assertions.add(details(request).responseTime().percentile(95.0).lt(P95_MS));
    }
    if (CART_PERCENT > 0) {
      for (String request : CART_REQUESTS) {
        assertions.add(details(request).responseTime().percentile(95.0).lt(CART_P95_MS));
      }
    }
    if (CHECKOUT_PERCENT > 0) {
      assertions.add(details(CheckoutJourney.GROUP_CHECKOUT).responseTime().percentile(95.0).lt(CHECKOUT_P95_MS));
      assertions.add(details(CheckoutJourney.GROUP_CHECKOUT).failedRequests().percent().lt(MAX_FAILED_PERCENT));
    }
    var visitors = RAMP_SECONDS > 0
        ? visitor.injectOpen(
            rampUsersPerSec(0).to(RATE).during(Duration.ofSeconds(RAMP_SECONDS)),
            constantUsersPerSec(RATE).during(Duration.ofSeconds(DURATION_SECONDS)).randomized())
        : visitor.injectOpen(constantUsersPerSec(RATE).during(Duration.ofSeconds(DURATION_SECONDS)).randomized());
    setUp(visitors.protocols(httpProtocol))
        .maxDuration(Duration.ofSeconds(MAX_DURATION_SECONDS))
        .assertions(assertions);
  }

  @Override
  public void before() {
    SurgeClient admin = new SurgeClient(BASE_URL, AccessTokenMinter.fromSettings().mint("ADMIN"));
    CheckoutJourney.variantPool = admin.variantPool(50, 2, "USD", MIN_AVAILABLE);
    System.out.printf(Locale.ROOT,
        "Mixed: %d variants in USD; %.1f visitors/s for %d s: %.0f%% browse, %.0f%% guest carts, %.0f%% checkouts%n",
        CheckoutJourney.variantPool.size(), RATE, DURATION_SECONDS, 100 - CART_PERCENT - CHECKOUT_PERCENT,
        CART_PERCENT, CHECKOUT_PERCENT);
  }
}

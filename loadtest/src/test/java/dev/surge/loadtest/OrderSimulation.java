package dev.surge.loadtest;

import static dev.surge.loadtest.Settings.*;
import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Checkout alone at an open arrival rate: each arrival is one {@code POST /api/v1/orders} by a customer
 * signed in beforehand, for one unit of a USD variant named in the body, shipped to the US, with a new
 * {@code Idempotency-Key}: the order is priced, its stock held, the order, its lines, history and
 * outbox row written (201, {@code PENDING_PAYMENT}). Nothing else is timed: no sign-up (Argon2), no
 * cart, no payment. It answers the write-path issue's bar "checkout p95 under 100 ms at an open arrival
 * of 50 orders/s"; {@link CheckoutSimulation} times a whole buyer instead.
 *
 * <p>Before the arrivals, outside the statistics: {@code customers} accounts register and sign in (their
 * tokens are used round robin; checkout reads the customer's email from the account, so tokens cannot be
 * minted), {@code variants} in-stock USD variants are picked and each is topped up through the admin API
 * so that every order of the run finds a unit. Then {@code warmupSeconds} of arrivals rising from 1 a
 * second to the rate, named {@value #REQ_WARMUP} and left out of the budgets, then {@code durationSeconds} at
 * the rate, measured as {@value #REQ_ORDER}. A fresh JVM spends its first minute compiling (C1 and C2 took half
 * its CPU in a profile) and then places far fewer than 50 orders a second: at the full rate from the start the
 * requests pile up faster than it can answer them, and those that time out are still worked to their end.
 *
 * <p>Before the warm-up it waits until the server has finished the work it had queued ({@link ServerSettling}:
 * a server just started by {@code loadtest/run.sh} is still working through the events of its freshly seeded
 * demo catalog), at most {@code settleSeconds}. The warm-up's answers are reported but not budgeted.
 *
 * <p>Every order of the run stays pending and holds its unit until the payment window expires it.
 *
 * <p>Needs the server's checkout rate limits raised ({@code loadtest/run.sh} starts the server so).
 *
 * <p>System properties (all optional): {@code baseUrl}, {@code jwtKeyFile} (the admin token of the
 * setup); {@code rate} (50) orders per second; {@code warmupSeconds} (60); {@code durationSeconds} (60);
 * {@code customers} (16); {@code variants} (20); {@code settleSeconds} (60) and {@code scrapeToken} (none), see
 * {@link ServerSettling}; budgets {@code p95Ms} (100) and {@code maxFailedPercent}
 * (0); {@code maxDurationSeconds} (warmupSeconds + durationSeconds + 60).
 */
public class OrderSimulation extends Simulation {

  static final String BASE_URL = baseUrl();
  static final double RATE = CheckoutSimulation.positiveRate(doubleProp("rate", 50.0));
  static final int WARMUP_SECONDS = nonNegative("warmupSeconds", intProp("warmupSeconds", 60));
  static final int DURATION_SECONDS = positive("durationSeconds", intProp("durationSeconds", 60));
  static final int CUSTOMERS = positive("customers", intProp("customers", 16));
  static final int VARIANTS = positive("variants", intProp("variants", 20));
  static final int P95_MS = positive("p95Ms", intProp("p95Ms", 100));
  static final int SETTLE_SECONDS = nonNegative("settleSeconds", intProp("settleSeconds", 60));
  static final String SCRAPE_TOKEN = prop("scrapeToken", "");
  static final double MAX_FAILED_PERCENT = nonNegative("maxFailedPercent", doubleProp("maxFailedPercent", 0));
  static final int MAX_DURATION_SECONDS = positive("maxDurationSeconds",
      intProp("maxDurationSeconds", WARMUP_SECONDS + DURATION_SECONDS + 60));

  static final String REQ_ORDER = "place order";
  static final String REQ_WARMUP = "place order (warm-up)";

  static final String SHIPPING = "{\"name\":\"Load Test\",\"line1\":\"1 Market St\",\"city\":\"San Francisco\","
      + "\"region\":\"CA\",\"postalCode\":\"94105\",\"country\":\"US\"}";

  // Filled in before(), read by the virtual users.
  static volatile List<String> tokens = List.of();
  static volatile List<String> variants = List.of();

  final HttpProtocolBuilder httpProtocol = jsonProtocol(BASE_URL, "surge-loadtest/gatling");

  static HttpRequestActionBuilder order(String name) {
    return http(name)
        .post("/api/v1/orders")
        .header("Authorization", session -> "Bearer " + BrowseJourney.random(tokens))
        .header("Idempotency-Key", session -> UUID.randomUUID().toString())
        .body(StringBody(session -> "{\"shippingAddress\":" + SHIPPING + ",\"lines\":[{\"variantId\":\""
            + variants.get(ThreadLocalRandom.current().nextInt(variants.size())) + "\",\"quantity\":1}]}"))
        .check(status().is(201), jmesPath("status").is("PENDING_PAYMENT"));
  }

  {
    ScenarioBuilder measured = scenario("buyer").exec(order(REQ_ORDER));
    var arrivals = measured.injectOpen(
        constantUsersPerSec(RATE).during(Duration.ofSeconds(DURATION_SECONDS)).randomized()).protocols(httpProtocol);
    var population = WARMUP_SECONDS > 0
        ? scenario("warm-up").exec(order(REQ_WARMUP))
            .injectOpen(rampUsersPerSec(1).to(RATE).during(Duration.ofSeconds(WARMUP_SECONDS)))
            .protocols(httpProtocol)
            .andThen(arrivals)
        : arrivals;
    setUp(population)
        .maxDuration(Duration.ofSeconds(MAX_DURATION_SECONDS))
        .assertions(
            details(REQ_ORDER).responseTime().percentile(95.0).lt(P95_MS),
            details(REQ_ORDER).failedRequests().percent().lte(MAX_FAILED_PERCENT));
  }

  @Override
  public void before() {
    SurgeClient admin = new SurgeClient(BASE_URL, AccessTokenMinter.fromSettings().mint("ADMIN"));
    List<String> picked = admin.inStockVariants(VARIANTS, "USD");
    // Every order holds one unit until it expires: room for all of them on each variant, whichever it picks.
    int needed = (int) Math.ceil(RATE * (WARMUP_SECONDS + DURATION_SECONDS) * 1.2) + 10;
    for (String variant : picked) {
      JsonNode level = admin.get("/api/v1/admin/inventory/" + variant, 200);
      if (level.path("available").asInt() < needed) {
        admin.put("/api/v1/admin/inventory/" + variant,
            Map.of("onHand", level.path("reserved").asInt() + needed, "reason", "load test: open-rate orders"), 200);
      }
    }
    variants = List.copyOf(picked);
    List<String> signedIn = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      signedIn.add(SurgeClient.signUp(BASE_URL, "orders-" + UUID.randomUUID() + "@loadtest.example",
          CheckoutJourney.PASSWORD));
    }
    tokens = List.copyOf(signedIn);
    ServerSettling.await(BASE_URL, SCRAPE_TOKEN, SETTLE_SECONDS);
    System.out.printf(Locale.ROOT, "Orders: %d customers, %d USD variants, %.1f orders/s: %d s warm-up, %d s measured%n",
        tokens.size(), variants.size(), RATE, WARMUP_SECONDS, DURATION_SECONDS);
  }
}

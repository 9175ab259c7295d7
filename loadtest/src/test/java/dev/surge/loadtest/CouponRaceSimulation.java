package dev.surge.loadtest;

import static dev.surge.loadtest.Settings.*;
import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A coupon race: many buyers check out at once with one code capped at a few uses.
 *
 * <p>Before the buyers (admin token, outside the statistics): a USD variant in stock is chosen (or {@code
 * -DvariantId}), its on-hand stock raised to hold every winner, and a platform coupon, 10 % off, capped at {@code
 * cap} uses, is created with a fresh code. Buyers are guests (each with an email of their own, so no account has to
 * be made first), checking out one unit of the variant with the code in lower case (codes are case-insensitive).
 *
 * <p>Each buyer makes one checkout: {@code 201} with the code redeemed and a discount, and {@code 409
 * coupon_used_up}, are both correct answers; anything else is a failed request. Then one user reads the promotion
 * back through the API and the run fails unless {@code redeemed == cap} and the number of 201 answers equals it.
 *
 * <p>System properties (all optional): {@code baseUrl}, {@code jwtKeyFile}, {@code buyers} (1000), {@code
 * rampSeconds} (5; 0: all at once), {@code cap} (100), {@code variantId}, {@code p95Ms} (2000) and {@code p99Ms}
 * (4000) for checkouts, {@code maxFailedPercent} (0), {@code maxDurationSeconds} (rampSeconds + 180).
 */
public class CouponRaceSimulation extends Simulation {

  static final String BASE_URL = baseUrl();
  static final int BUYERS = positive("buyers", intProp("buyers", 1000));
  static final int RAMP_SECONDS = nonNegative("rampSeconds", intProp("rampSeconds", 5));
  static final int CAP = positive("cap", intProp("cap", 100));
  static final String VARIANT_ID = prop("variantId", "");
  static final int P95_MS = positive("p95Ms", intProp("p95Ms", 2000));
  static final int P99_MS = positive("p99Ms", intProp("p99Ms", 4000));
  static final double MAX_FAILED_PERCENT = nonNegative("maxFailedPercent", doubleProp("maxFailedPercent", 0));
  static final int MAX_DURATION_SECONDS =
      positive("maxDurationSeconds", intProp("maxDurationSeconds", RAMP_SECONDS + 180));

  static final String REQ_CHECKOUT = "checkout with coupon";
  static final String REQ_PROMOTION_AFTER = "promotion after the run";

  // Filled in before(), read by the virtual users.
  static volatile String promotionId;
  static volatile String code;
  static volatile String variantId;
  static volatile String adminToken;

  static final AtomicInteger nextBuyer = new AtomicInteger();
  static final AtomicInteger redeemed = new AtomicInteger();
  static final AtomicInteger usedUp = new AtomicInteger();
  static final AtomicLong firstAttemptNanos = new AtomicLong(Long.MAX_VALUE);
  static final AtomicLong lastAnswerNanos = new AtomicLong(Long.MIN_VALUE);

  final HttpProtocolBuilder httpProtocol = jsonProtocol(BASE_URL, "surge-loadtest/gatling")
      .shareConnections();

  static String checkoutBody(int buyer) {
    return "{\"email\":\"coupon-race-" + buyer + "-" + UUID.randomUUID() + "@example.com\","
        + "\"shippingAddress\":{\"name\":\"Load Test\",\"line1\":\"1 Market St\",\"city\":\"Springfield\","
        + "\"postalCode\":\"12345\",\"country\":\"US\",\"region\":\"CA\"},"
        + "\"lines\":[{\"variantId\":\"" + variantId + "\",\"quantity\":1}],"
        + "\"couponCode\":\"" + code.toLowerCase(Locale.ROOT) + "\"}";
  }

  final ScenarioBuilder buyer =
      scenario("coupon buyer")
          .exec(session -> {
            firstAttemptNanos.accumulateAndGet(System.nanoTime(), Math::min);
            return session.set("body", checkoutBody(nextBuyer.getAndIncrement()));
          })
          .exec(
              http(REQ_CHECKOUT)
                  .post("/api/v1/orders")
                  .header("Idempotency-Key", session -> UUID.randomUUID().toString())
                  .body(StringBody("#{body}"))
                  .check(status().saveAs("status"), status().in(201, 409))
                  .checkIf((response, session) -> response.status().code() == 201)
                  .then(jmesPath("couponCode").is(session -> code).name("code redeemed"),
                      jmesPath("discount.amountMinor > `0`").ofBoolean().is(true).name("discounted"))
                  .checkIf((response, session) -> response.status().code() == 409)
                  .then(jmesPath("code").is("coupon_used_up").name("409 code")))
          .exec(session -> {
            lastAnswerNanos.accumulateAndGet(System.nanoTime(), Math::max);
            if (session.contains("status") && !session.isFailed()) {
              if (session.getInt("status") == 201) {
                redeemed.incrementAndGet();
              } else {
                usedUp.incrementAndGet();
              }
            }
            return session;
          });

  /** One user, after every buyer: reads the promotion back through the API. */
  final ScenarioBuilder checker =
      scenario("redemptions == cap check")
          .exec(
              http(REQ_PROMOTION_AFTER)
                  .get(session -> "/api/v1/admin/promotions/" + promotionId)
                  .header("Authorization", session -> "Bearer " + adminToken)
                  .check(
                      status().is(200),
                      jmesPath("redemptionCap").ofInt().is(CAP).name("cap"),
                      jmesPath("redeemed").ofInt().is(CAP).name("redeemed == cap"),
                      jmesPath("redeemed").ofInt().is(session -> redeemed.get()).name("redeemed == 201 answers")));

  {
    setUp(
            buyer
                .injectOpen(RAMP_SECONDS == 0
                    ? atOnceUsers(BUYERS)
                    : rampUsers(BUYERS).during(Duration.ofSeconds(RAMP_SECONDS)))
                .protocols(httpProtocol)
                .andThen(checker.injectOpen(atOnceUsers(1)).protocols(httpProtocol)))
        .maxDuration(Duration.ofSeconds(MAX_DURATION_SECONDS))
        .assertions(
            details(REQ_CHECKOUT).allRequests().count().is((long) BUYERS),
            details(REQ_CHECKOUT).failedRequests().percent().lte(MAX_FAILED_PERCENT),
            details(REQ_CHECKOUT).responseTime().percentile(95.0).lt(P95_MS),
            details(REQ_CHECKOUT).responseTime().percentile(99.0).lt(P99_MS),
            // the invariant: the checker ran, and every one of its checks passed
            details(REQ_PROMOTION_AFTER).allRequests().count().is(1L),
            details(REQ_PROMOTION_AFTER).failedRequests().count().is(0L));
  }

  @Override
  public void before() {
    AccessTokenMinter minter = AccessTokenMinter.fromSettings();
    adminToken = minter.mint("ADMIN");
    SurgeClient admin = new SurgeClient(BASE_URL, adminToken);

    variantId = VARIANT_ID.isEmpty() ? admin.inStockVariants(1, "USD").get(0) : VARIANT_ID;
    JsonNode level = admin.get("/api/v1/admin/inventory/" + variantId, 200);
    // Refused buyers hold nothing, but a winner's units are held until payment: room for every winner and a margin.
    if (level.path("available").asInt() < CAP * 2) {
      admin.put("/api/v1/admin/inventory/" + variantId,
          Map.of("onHand", level.path("reserved").asInt() + CAP * 2, "reason", "load test: coupon race stock"), 200);
    }

    code = "RACE" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
    Map<String, Object> promotion = new LinkedHashMap<>();
    promotion.put("name", "Load test coupon race " + code);
    promotion.put("code", code);
    promotion.put("kind", "PERCENTAGE");
    promotion.put("percentOff", 10);
    promotion.put("redemptionCap", CAP);
    promotionId = admin.post("/api/v1/admin/promotions", promotion, 201).path("id").asText();
    System.out.printf(Locale.ROOT, "Coupon %s (promotion %s): %d uses, %d buyers of variant %s over %d s%n", code,
        promotionId, CAP, BUYERS, variantId, RAMP_SECONDS);
  }

  @Override
  public void after() {
    double seconds = (lastAnswerNanos.get() - firstAttemptNanos.get()) / 1e9;
    int attempts = nextBuyer.get();
    System.out.printf(Locale.ROOT,
        "Coupon %s: %d checkouts in %.2f s (first sent to last answered) = %.0f checkouts/s; "
            + "201: %d, 409 coupon_used_up: %d, other/failed: %d; cap %d%n",
        code, attempts, seconds, seconds > 0 ? attempts / seconds : 0.0, redeemed.get(), usedUp.get(),
        attempts - redeemed.get() - usedUp.get(), CAP);
  }
}

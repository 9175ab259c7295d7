package dev.surge.loadtest;

import static dev.surge.loadtest.Settings.*;
import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A flash sale: many buyers, each with their own account, arrive within seconds for a few units.
 *
 * <p>Before the buyers (admin token, outside the statistics): a variant in stock is chosen (or {@code
 * -DvariantId}), its on-hand stock raised if fewer than {@code stock} units are available, and a sale of
 * {@code stock} units, one per customer, starts now. Each buyer gets a customer token of a user of
 * their own, signed with the server's key ({@link AccessTokenMinter}), all minted before the first
 * buyer arrives.
 *
 * <p>Each buyer makes one purchase attempt: {@code 201} (units held) and {@code 409 sold_out} are both
 * correct answers; anything else is a failed request. Then one user reads the sale back through the
 * API and the run fails unless {@code claimed == stock}, {@code remaining == 0}, the number of 201
 * answers equals {@code claimed}, and the variant's Redis gate agrees with PostgreSQL.
 *
 * <p>System properties (all optional): {@code baseUrl}, {@code jwtKeyFile}, {@code buyers} (10000),
 * {@code rampSeconds} (10; 0: all at once), {@code stock} (100), {@code variantId} (a variant in stock
 * from the catalog), {@code holdSeconds} (1800, longer than the run, so no reservation expires before
 * the check), {@code p95Ms} (1000) and {@code p99Ms} (2000) for purchase attempts, {@code
 * maxFailedPercent} (0), {@code maxDurationSeconds} (rampSeconds + 180).
 */
public class FlashSaleSimulation extends Simulation {

  static final String BASE_URL = baseUrl();
  static final int BUYERS = positive("buyers", intProp("buyers", 10_000));
  static final int RAMP_SECONDS = nonNegative("rampSeconds", intProp("rampSeconds", 10));
  static final int STOCK = positive("stock", intProp("stock", 100));
  static final String VARIANT_ID = prop("variantId", "");
  static final int HOLD_SECONDS = positive("holdSeconds", intProp("holdSeconds", 1800));
  static final int P95_MS = positive("p95Ms", intProp("p95Ms", 1000));
  static final int P99_MS = positive("p99Ms", intProp("p99Ms", 2000));
  static final double MAX_FAILED_PERCENT = nonNegative("maxFailedPercent", doubleProp("maxFailedPercent", 0));
  static final int MAX_DURATION_SECONDS =
      positive("maxDurationSeconds", intProp("maxDurationSeconds", RAMP_SECONDS + 180));
  /**
   * true: buyers share a pool of kept-alive connections, as they reach an instance through a load
   * balancer or reverse proxy; false: each buyer opens a connection of its own to the server.
   */
  static final boolean SHARE_CONNECTIONS = Boolean.parseBoolean(prop("shareConnections", "true"));

  static final String REQ_ATTEMPT = "purchase attempt";
  static final String REQ_SALE_AFTER = "sale after the run";
  static final String REQ_STOCK_AFTER = "variant stock after the run";

  // Filled in before(), read by the virtual users.
  static volatile String saleId;
  static volatile String variantId;
  static volatile String adminToken;
  static volatile String[] buyerTokens;

  static final AtomicInteger nextBuyer = new AtomicInteger();
  static final AtomicInteger granted = new AtomicInteger();
  static final AtomicInteger soldOut = new AtomicInteger();
  static final AtomicLong firstAttemptNanos = new AtomicLong(Long.MAX_VALUE);
  static final AtomicLong lastAnswerNanos = new AtomicLong(Long.MIN_VALUE);

  final HttpProtocolBuilder httpProtocol = protocol();

  static HttpProtocolBuilder protocol() {
    HttpProtocolBuilder protocol = jsonProtocol(BASE_URL, "surge-loadtest/gatling");
    return SHARE_CONNECTIONS ? protocol.shareConnections() : protocol;
  }

  final ScenarioBuilder buyer =
      scenario("flash-sale buyer")
          .exec(session -> {
            firstAttemptNanos.accumulateAndGet(System.nanoTime(), Math::min);
            return session.set("token", buyerTokens[nextBuyer.getAndIncrement()]);
          })
          .exec(
              http(REQ_ATTEMPT)
                  .post(session -> "/api/v1/flash-sales/" + saleId + "/reservations")
                  .header("Authorization", "Bearer #{token}")
                  .body(StringBody("{\"quantity\":1}"))
                  .check(status().saveAs("status"), status().in(201, 409))
                  .checkIf((response, session) -> response.status().code() == 201)
                  .then(jmesPath("status").is("active"), jmesPath("flashSaleId").is(session -> saleId))
                  .checkIf((response, session) -> response.status().code() == 409)
                  .then(jmesPath("code").is("sold_out").name("409 code")))
          .exec(session -> {
            lastAnswerNanos.accumulateAndGet(System.nanoTime(), Math::max);
            if (session.contains("status")) {
              int status = session.getInt("status");
              if (status == 201) {
                granted.incrementAndGet();
              } else if (status == 409 && !session.isFailed()) {
                soldOut.incrementAndGet();
              }
            }
            return session;
          });

  /** One user, after every buyer: reads the sale and the variant's stock back through the API. */
  final ScenarioBuilder checker =
      scenario("sold == stock check")
          .exec(
              http(REQ_SALE_AFTER)
                  .get(session -> "/api/v1/flash-sales/" + saleId)
                  .check(
                      status().is(200),
                      jmesPath("quantity").ofInt().is(STOCK).name("quantity"),
                      jmesPath("claimed").ofInt().is(STOCK).name("claimed == stock"),
                      jmesPath("remaining").ofInt().is(0).name("remaining == 0"),
                      jmesPath("claimed").ofInt().is(session -> granted.get()).name("claimed == 201 answers")))
          .exec(
              http(REQ_STOCK_AFTER)
                  .get(session -> "/api/v1/admin/inventory/" + variantId)
                  .header("Authorization", session -> "Bearer " + adminToken)
                  .check(
                      status().is(200),
                      jmesPath("available >= `0` && reserved >= `0`").ofBoolean().is(true).name("nothing negative"),
                      jmesPath("gate == `null` || gate == available").ofBoolean().is(true).name("Redis gate == PostgreSQL available")));

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
            details(REQ_ATTEMPT).allRequests().count().is((long) BUYERS),
            details(REQ_ATTEMPT).failedRequests().percent().lte(MAX_FAILED_PERCENT),
            details(REQ_ATTEMPT).responseTime().percentile(95.0).lt(P95_MS),
            details(REQ_ATTEMPT).responseTime().percentile(99.0).lt(P99_MS),
            // the invariant: the checker ran, and every one of its checks passed
            details(REQ_SALE_AFTER).allRequests().count().is(1L),
            details(REQ_SALE_AFTER).failedRequests().count().is(0L),
            details(REQ_STOCK_AFTER).allRequests().count().is(1L),
            details(REQ_STOCK_AFTER).failedRequests().count().is(0L));
  }

  @Override
  public void before() {
    AccessTokenMinter minter = AccessTokenMinter.fromSettings();
    adminToken = minter.mint("ADMIN");
    SurgeClient admin = new SurgeClient(BASE_URL, adminToken);

    variantId = VARIANT_ID.isEmpty() ? admin.inStockVariants(1).get(0) : VARIANT_ID;
    JsonNode level = admin.get("/api/v1/admin/inventory/" + variantId, 200);
    if (level.path("available").asInt() < STOCK) {
      int onHand = level.path("reserved").asInt() + STOCK;
      level = admin.put("/api/v1/admin/inventory/" + variantId,
          Map.of("onHand", onHand, "reason", "load test: flash-sale stock"), 200);
    }

    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Map<String, Object> sale = new LinkedHashMap<>();
    sale.put("name", "Load test flash sale " + now);
    sale.put("variantId", variantId);
    sale.put("priceMinor", 100);
    sale.put("quantity", STOCK);
    sale.put("perCustomerLimit", 1);
    sale.put("startsAt", now.minusSeconds(1).toString());
    sale.put("endsAt", now.plusSeconds(MAX_DURATION_SECONDS + 600L).toString());
    sale.put("holdSeconds", HOLD_SECONDS);
    JsonNode created = admin.post("/api/v1/admin/flash-sales", sale, 201);
    saleId = created.path("id").asText();

    long start = System.nanoTime();
    buyerTokens = minter.mintCustomers(BUYERS);
    System.out.printf(Locale.ROOT,
        "Flash sale %s: %d units of variant %s (available before: %d), one per customer; "
            + "%d buyer tokens minted in %.1f s; buyers arrive over %d s, %s%n",
        saleId, STOCK, variantId, level.path("available").asInt(), BUYERS,
        (System.nanoTime() - start) / 1e9, RAMP_SECONDS,
        SHARE_CONNECTIONS ? "on shared kept-alive connections" : "each on a new connection");
  }

  @Override
  public void after() {
    double seconds = (lastAnswerNanos.get() - firstAttemptNanos.get()) / 1e9;
    int attempts = nextBuyer.get();
    System.out.printf(Locale.ROOT,
        "Flash sale %s: %d attempts in %.2f s (first sent to last answered) = %.0f attempts/s; "
            + "201: %d, 409 sold_out: %d, other/failed: %d; stock %d%n",
        saleId, attempts, seconds, seconds > 0 ? attempts / seconds : 0.0, granted.get(), soldOut.get(),
        attempts - granted.get() - soldOut.get(), STOCK);
  }
}

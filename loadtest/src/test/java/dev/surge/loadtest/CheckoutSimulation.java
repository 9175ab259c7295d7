package dev.surge.loadtest;

import static dev.surge.loadtest.Settings.*;
import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Buyers from sign-up to a paid order ({@link CheckoutJourney}): register and sign in, then, timed as
 * the group {@value CheckoutJourney#GROUP_CHECKOUT}: cart, order with {@code Idempotency-Key}, sandbox
 * payment, the sandbox's signed webhook, the order read back until it is {@code PAID}.
 *
 * <p>Before the buyers (admin token minted with the server's key, outside the statistics): up to
 * {@code variants} variants priced in USD with at least {@code minAvailable} units available. Each
 * checkout holds and then sells one unit.
 *
 * <p>Needs a server with the sandbox payment provider on (the local run turns it on) and its identity
 * rate limits raised: every buyer registers and signs in from the same address ({@code loadtest/run.sh}
 * starts the server so).
 *
 * <p>System properties (all optional): {@code baseUrl}, {@code jwtKeyFile}; {@code rate} (2) buyers
 * arriving per second for {@code durationSeconds} (60) after a ramp from 0 over {@code rampSeconds}
 * (10); {@code pay} (true; false ends the group at the order), {@code paymentProvider} (sandbox),
 * {@code maxPolls} (20) and {@code pollMs} (100) for the paid check; {@code variants} (50), {@code
 * minAvailable} (50); budgets {@code checkoutP95Ms} (1000, the group), {@code p95Ms} (200, each request
 * type, sign-up and sign-in included), {@code cartP95Ms} (50, the cart call), {@code maxFailedPercent} (0); {@code
 * maxDurationSeconds} (rampSeconds + durationSeconds + 60).
 */
public class CheckoutSimulation extends Simulation {

  static final String BASE_URL = baseUrl();
  static final double RATE = positiveRate(doubleProp("rate", 2.0));
  static final int RAMP_SECONDS = nonNegative("rampSeconds", intProp("rampSeconds", 10));
  static final int DURATION_SECONDS = positive("durationSeconds", intProp("durationSeconds", 60));
  static final boolean PAY = Boolean.parseBoolean(prop("pay", "true"));
  static final String PROVIDER = prop("paymentProvider", "sandbox");
  static final int MAX_POLLS = positive("maxPolls", intProp("maxPolls", 20));
  static final int POLL_MS = nonNegative("pollMs", intProp("pollMs", 100));
  static final int VARIANTS = positive("variants", intProp("variants", 50));
  static final int MIN_AVAILABLE = positive("minAvailable", intProp("minAvailable", 50));
  static final int CHECKOUT_P95_MS = positive("checkoutP95Ms", intProp("checkoutP95Ms", 1000));
  static final int P95_MS = positive("p95Ms", intProp("p95Ms", 200));
  static final int CART_P95_MS = positive("cartP95Ms", intProp("cartP95Ms", 50));
  static final double MAX_FAILED_PERCENT = nonNegative("maxFailedPercent", doubleProp("maxFailedPercent", 0));
  static final int MAX_DURATION_SECONDS =
      positive("maxDurationSeconds", intProp("maxDurationSeconds", RAMP_SECONDS + DURATION_SECONDS + 60));

  final HttpProtocolBuilder httpProtocol = jsonProtocol(BASE_URL, "surge-loadtest/gatling");

  final ScenarioBuilder buyer =
      scenario("buyer")
          .exec(CheckoutJourney.signUp())
          .exec(CheckoutJourney.checkout(PAY, PROVIDER, MAX_POLLS, POLL_MS));

  {
    List<Assertion> assertions = new ArrayList<>(List.of(
        details(CheckoutJourney.GROUP_CHECKOUT).responseTime().percentile(95.0).lt(CHECKOUT_P95_MS),
        details(CheckoutJourney.GROUP_CHECKOUT).failedRequests().percent().lte(MAX_FAILED_PERCENT),
        global().failedRequests().percent().lte(MAX_FAILED_PERCENT),
        details(CheckoutJourney.GROUP_CHECKOUT, CheckoutJourney.REQ_CART_ADD)
            .responseTime().percentile(95.0).lt(CART_P95_MS)));
    for (String request : CheckoutJourney.groupRequests(PAY)) {
      assertions.add(details(CheckoutJourney.GROUP_CHECKOUT, request).responseTime().percentile(95.0).lt(P95_MS));
    }
    assertions.add(details(CheckoutJourney.REQ_REGISTER).responseTime().percentile(95.0).lt(P95_MS));
    assertions.add(details(CheckoutJourney.REQ_LOGIN).responseTime().percentile(95.0).lt(P95_MS));
    var buyers = RAMP_SECONDS > 0
        ? buyer.injectOpen(
            rampUsersPerSec(0).to(RATE).during(Duration.ofSeconds(RAMP_SECONDS)),
            constantUsersPerSec(RATE).during(Duration.ofSeconds(DURATION_SECONDS)).randomized())
        : buyer.injectOpen(constantUsersPerSec(RATE).during(Duration.ofSeconds(DURATION_SECONDS)).randomized());
    setUp(buyers.protocols(httpProtocol))
        .maxDuration(Duration.ofSeconds(MAX_DURATION_SECONDS))
        .assertions(assertions);
  }

  @Override
  public void before() {
    SurgeClient admin = new SurgeClient(BASE_URL, AccessTokenMinter.fromSettings().mint("ADMIN"));
    CheckoutJourney.variantPool = admin.variantPool(VARIANTS, 1, "USD", MIN_AVAILABLE);
    System.out.printf(Locale.ROOT, "Checkout: %d variants in USD, %.1f buyers/s for %d s, %s%n",
        CheckoutJourney.variantPool.size(), RATE, DURATION_SECONDS,
        PAY ? "paying with " + PROVIDER : "without paying (-Dpay=false)");
  }

  static double positiveRate(double rate) {
    if (!(rate > 0)) {
      throw new IllegalArgumentException("rate must be > 0, was " + rate);
    }
    return rate;
  }
}

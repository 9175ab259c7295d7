package dev.surge.loadtest;

import static dev.surge.loadtest.Settings.*;
import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Anonymous shoppers on the storefront ({@link BrowseJourney}): home listing and featured products,
 * category pages, a search with facets and the same search narrowed by attribute, stock and price,
 * product pages.
 *
 * <p>System properties (all optional): {@code baseUrl} (loopback only unless {@code
 * allowNonLoopback=true}); {@code users} (100) arriving evenly over {@code rampSeconds} (20; 0: at once), then
 * {@code rate} (10) users/s for {@code durationSeconds} (60); {@code thinkMinMs} / {@code thinkMaxMs}
 * (200 / 800); {@code typoRatio} (0.3); {@code p95Ms} (200, every request), {@code searchP95Ms} (200,
 * each of the two searches), {@code maxFailedPercent} (1); {@code maxDurationSeconds} (rampSeconds +
 * durationSeconds + 60).
 *
 * <p>Budgets (a miss fails the run): p95 of all requests &lt; {@code p95Ms}, p95 of each request type
 * &lt; {@code p95Ms}, p95 of {@code search} and {@code filtered search} &lt; {@code searchP95Ms},
 * failed requests &lt; {@code maxFailedPercent}.
 */
public class BrowseSimulation extends Simulation {

  static final String BASE_URL = baseUrl();
  static final int USERS = nonNegative("users", intProp("users", 100));
  static final int RAMP_SECONDS = nonNegative("rampSeconds", intProp("rampSeconds", 20));
  static final double RATE = nonNegative("rate", doubleProp("rate", 10.0));
  static final int DURATION_SECONDS = nonNegative("durationSeconds", intProp("durationSeconds", 60));
  static final int THINK_MIN_MS = nonNegative("thinkMinMs", intProp("thinkMinMs", 200));
  static final int THINK_MAX_MS = Math.max(THINK_MIN_MS, intProp("thinkMaxMs", 800));
  static final double TYPO_RATIO = ratio("typoRatio", doubleProp("typoRatio", 0.3));
  static final int P95_MS = positive("p95Ms", intProp("p95Ms", 200));
  static final int SEARCH_P95_MS = positive("searchP95Ms", intProp("searchP95Ms", 200));
  static final double MAX_FAILED_PERCENT = nonNegative("maxFailedPercent", doubleProp("maxFailedPercent", 1.0));
  static final int MAX_DURATION_SECONDS =
      positive("maxDurationSeconds", intProp("maxDurationSeconds", RAMP_SECONDS + DURATION_SECONDS + 60));

  final HttpProtocolBuilder httpProtocol =
      http.baseUrl(BASE_URL)
          .acceptHeader("application/json")
          .acceptEncodingHeader("gzip, deflate")
          .userAgentHeader("surge-loadtest/gatling")
          .disableWarmUp()
          .disableCaching();

  final ScenarioBuilder shopper =
      scenario("browsing shopper").exec(BrowseJourney.journey(THINK_MIN_MS, THINK_MAX_MS, TYPO_RATIO));

  {
    List<OpenInjectionStep> steps = new ArrayList<>();
    if (USERS > 0) {
      steps.add(RAMP_SECONDS > 0 ? rampUsers(USERS).during(Duration.ofSeconds(RAMP_SECONDS)) : atOnceUsers(USERS));
    }
    if (RATE > 0 && DURATION_SECONDS > 0) {
      steps.add(constantUsersPerSec(RATE).during(Duration.ofSeconds(DURATION_SECONDS)).randomized());
    }
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("nothing to inject: users, or rate and durationSeconds, must be > 0");
    }
    List<Assertion> assertions = new ArrayList<>(List.of(
        global().responseTime().percentile(95.0).lt(P95_MS),
        global().failedRequests().percent().lt(MAX_FAILED_PERCENT),
        details(BrowseJourney.REQ_SEARCH).responseTime().percentile(95.0).lt(SEARCH_P95_MS),
        details(BrowseJourney.REQ_FILTERED).responseTime().percentile(95.0).lt(SEARCH_P95_MS)));
    for (String request : BrowseJourney.REQUESTS) {
      if (request.equals(BrowseJourney.REQ_SEARCH) || request.equals(BrowseJourney.REQ_FILTERED)) {
        continue; // their own budget above
      }
      assertions.add(details(request).responseTime().percentile(95.0).lt(P95_MS));
    }
    setUp(shopper.injectOpen(steps).protocols(httpProtocol))
        .maxDuration(Duration.ofSeconds(MAX_DURATION_SECONDS))
        .assertions(assertions);
  }
}

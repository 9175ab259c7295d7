package dev.surge.loadtest;

import static dev.surge.loadtest.Settings.*;
import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A payment provider calling Surge: signed sandbox webhooks ({@code POST /api/v1/webhooks/sandbox}) at a
 * steady rate, each announcing that a real payment succeeded, with redeliveries of events already
 * delivered mixed in, as providers do.
 *
 * <p>Before the provider starts (outside the statistics): {@code customers} accounts register and sign
 * in; they place {@code payments} orders (one unit of a USD variant each, at most 10 per variant, shipped
 * to the US) and start a sandbox payment for each ({@code POST /api/v1/payments}), on {@code
 * setupThreads} threads. Each event is
 * the sandbox's own {@code payment.succeeded} for one of those payments (same id, reference, amount and
 * currency as the sandbox would send), signed like the sandbox signs ({@code Surge-Sandbox-Signature:
 * t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}) with {@code webhookSecret}, which must be the
 * server's {@code surge.payments.sandbox.webhook-secret} ({@code loadtest/run.sh} sets both).
 *
 * <p>A new event must answer 200 {@code {"duplicate": false}} and pays its order (signature check,
 * stored once, applied: payment SUCCEEDED, order PAID and its stock sold, in one transaction); a
 * redelivery must answer 200 {@code {"duplicate": true}} and change nothing. After the last event, one
 * user reads every order that got a new event back through the admin API and fails the run unless it
 * is {@code PAID} (within {@code checkTries} reads 500 ms apart).
 *
 * <p>System properties (all optional): {@code baseUrl}, {@code jwtKeyFile} (the admin token of the
 * setup and the check); {@code rate} (20) webhooks per second for {@code durationSeconds} (30), after {@code
 * warmupSeconds} (0) of the same deliveries rising from 1 a second to the rate, named "... (warm-up)" and left
 * out of the budgets (a fresh JVM's first minute measures its JIT, not the path); {@code
 * duplicateRatio} (0.2); {@code payments} (enough for the new events); {@code customers} (4); {@code
 * setupThreads} (4); {@code webhookSecret} ({@code loadtest-sandbox-secret}); {@code checkTries} (10);
 * {@code settleSeconds} (60) and {@code scrapeToken} (none): how long the server may take, after the setup, to
 * finish the work the setup's orders started before the provider starts ({@link ServerSettling});
 * budgets {@code p95Ms} (200, each kind of delivery) and {@code maxFailedPercent} (0); {@code
 * maxDurationSeconds} (warmupSeconds + durationSeconds + 180).
 */
public class WebhookSimulation extends Simulation {

  static final String BASE_URL = baseUrl();
  static final double RATE = CheckoutSimulation.positiveRate(doubleProp("rate", 20.0));
  static final int DURATION_SECONDS = positive("durationSeconds", intProp("durationSeconds", 30));
  static final int WARMUP_SECONDS = nonNegative("warmupSeconds", intProp("warmupSeconds", 0));
  static final double DUPLICATE_RATIO = ratio("duplicateRatio", doubleProp("duplicateRatio", 0.2));
  static final int PAYMENTS = positive("payments",
      intProp("payments",
          (int) Math.ceil(RATE * (WARMUP_SECONDS / 2.0 + DURATION_SECONDS) * (1 - DUPLICATE_RATIO) * 1.05) + 1));
  static final int CUSTOMERS = positive("customers", intProp("customers", 4));
  static final int SETUP_THREADS = positive("setupThreads", intProp("setupThreads", 4));
  static final String WEBHOOK_SECRET = prop("webhookSecret", "loadtest-sandbox-secret");
  static final int CHECK_TRIES = positive("checkTries", intProp("checkTries", 10));
  static final int SETTLE_SECONDS = nonNegative("settleSeconds", intProp("settleSeconds", 60));
  static final String SCRAPE_TOKEN = prop("scrapeToken", "");
  static final int P95_MS = positive("p95Ms", intProp("p95Ms", 200));
  static final double MAX_FAILED_PERCENT = nonNegative("maxFailedPercent", doubleProp("maxFailedPercent", 0));
  static final int MAX_DURATION_SECONDS =
      positive("maxDurationSeconds", intProp("maxDurationSeconds", WARMUP_SECONDS + DURATION_SECONDS + 180));

  static final String REQ_NEW = "webhook new event";
  static final String REQ_DUPLICATE = "webhook redelivery";
  static final String WARMUP = " (warm-up)";
  static final String GROUP_CHECK = "order paid after the run";
  static final String REQ_CHECK = "order after the run";

  /** A payment made in the setup, with the exact webhook body the sandbox would send for its success. */
  record Payment(String orderId, String paymentId, String reference, String body) {}

  // Filled in before(), read by the virtual users.
  static volatile List<Payment> payments = List.of();
  static volatile String adminToken;
  static final AtomicInteger nextNew = new AtomicInteger();
  /** Indexes of payments whose event was delivered and answered as new. */
  static final List<Integer> delivered = Collections.synchronizedList(new ArrayList<>());

  final HttpProtocolBuilder httpProtocol = jsonProtocol(BASE_URL, "surge-loadtest/provider");

  /** Picks a new event, or a redelivery of one already answered (also when every new one is spent). */
  static Session pick(Session session) {
    boolean redeliver = !delivered.isEmpty() && ThreadLocalRandom.current().nextDouble() < DUPLICATE_RATIO;
    int index = -1;
    if (!redeliver) {
      index = nextNew.getAndIncrement();
      if (index >= payments.size()) {
        redeliver = !delivered.isEmpty();
        index = -1;
      }
    }
    if (redeliver) {
      synchronized (delivered) {
        index = delivered.get(ThreadLocalRandom.current().nextInt(delivered.size()));
      }
    }
    return index < 0 ? session.set("payment", -1)
        : session.set("payment", index).set("redelivery", redeliver).set("body", payments.get(index).body());
  }

  static String signature(String body) {
    long t = Instant.now().getEpochSecond();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] v1 = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
      return "t=" + t + ",v1=" + HexFormat.of().formatHex(v1);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static io.gatling.javaapi.http.HttpRequestActionBuilder delivery(String name, boolean duplicate) {
    return http(name)
        .post("/api/v1/webhooks/sandbox")
        .header("Surge-Sandbox-Signature", session -> signature(session.getString("body")))
        .body(StringBody("#{body}"))
        .check(status().is(200), jmesPath("duplicate").ofBoolean().is(duplicate).name("duplicate flag"));
  }

  /** The provider's deliveries, named {@code newName} and {@code duplicateName}. */
  static ScenarioBuilder provider(String scenario, String newName, String duplicateName) {
    return scenario(scenario)
        .exec(WebhookSimulation::pick)
        .doIf(session -> session.getInt("payment") >= 0)
        .then(
            doIfOrElse(session -> session.getBoolean("redelivery"))
                .then(exec(delivery(duplicateName, true)))
                .orElse(
                    exec(delivery(newName, false))
                        .exec(session -> {
                          if (!session.isFailed()) {
                            delivered.add(session.getInt("payment"));
                          }
                          return session;
                        })));
  }

  /** After the provider: every order that got a new event must be paid. */
  final ScenarioBuilder checker =
      scenario("paid check")
          .exec(session -> {
            List<Object> ids;
            synchronized (delivered) {
              ids = delivered.stream().distinct().map(i -> (Object) payments.get(i).orderId()).toList();
            }
            return session.set("orders", ids);
          })
          .foreach(session -> session.getList("orders"), "orderId")
          .on(
              group(GROUP_CHECK).on(
                  exec(session -> session.set("tries", 0).remove("status"))
                      .asLongAs(session -> !"PAID".equals(session.getString("status"))
                          && session.getInt("tries") < CHECK_TRIES)
                      .on(
                          doIf(session -> session.getInt("tries") > 0)
                              .then(pause(Duration.ofMillis(500)))
                              .exec(
                                  http(REQ_CHECK)
                                      .get("/api/v1/admin/orders/#{orderId}")
                                      .header("Authorization", session -> "Bearer " + adminToken)
                                      .check(status().is(200), jmesPath("status").ofString().saveAs("status")))
                              .exec(session -> session.set("tries", session.getInt("tries") + 1)))
                      .exec(session -> "PAID".equals(session.getString("status")) ? session
                          : session.markAsFailed())));

  {
    var measured = provider("payment provider", REQ_NEW, REQ_DUPLICATE)
        .injectOpen(constantUsersPerSec(RATE).during(Duration.ofSeconds(DURATION_SECONDS)))
        .protocols(httpProtocol)
        .andThen(checker.injectOpen(atOnceUsers(1)).protocols(httpProtocol));
    setUp(WARMUP_SECONDS == 0 ? measured
            : provider("warm-up", REQ_NEW + WARMUP, REQ_DUPLICATE + WARMUP)
                .injectOpen(rampUsersPerSec(1).to(RATE).during(Duration.ofSeconds(WARMUP_SECONDS)))
                .protocols(httpProtocol)
                .andThen(measured))
        .maxDuration(Duration.ofSeconds(MAX_DURATION_SECONDS))
        .assertions(
            details(REQ_NEW).responseTime().percentile(95.0).lt(P95_MS),
            details(REQ_DUPLICATE).responseTime().percentile(95.0).lt(P95_MS),
            details(REQ_NEW).failedRequests().percent().lte(MAX_FAILED_PERCENT),
            details(REQ_DUPLICATE).failedRequests().percent().lte(MAX_FAILED_PERCENT),
            // the effect: the check ran, and every order that got a new event is paid
            details(GROUP_CHECK).allRequests().count().gt(0L),
            details(GROUP_CHECK).failedRequests().count().is(0L));
  }

  @Override
  public void before() {
    long start = System.nanoTime();
    adminToken = AccessTokenMinter.fromSettings().mint("ADMIN");
    // at most 10 orders per variant, each with 20+ units available: no order of the setup runs out of stock
    int poolSize = Math.max(50, (PAYMENTS + 9) / 10);
    List<String> variants = new SurgeClient(BASE_URL, adminToken).variantPool(poolSize, (PAYMENTS + 9) / 10, "USD", 20);
    List<SurgeClient> buyers = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      String email = "webhook-" + UUID.randomUUID() + "@loadtest.example";
      buyers.add(new SurgeClient(BASE_URL, SurgeClient.signUp(BASE_URL, email, CheckoutJourney.PASSWORD)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(SETUP_THREADS);
    try {
      List<Future<Payment>> made = new ArrayList<>();
      for (int i = 0; i < PAYMENTS; i++) {
        SurgeClient buyer = buyers.get(i % buyers.size());
        String variant = variants.get(i % variants.size());
        made.add(pool.submit(() -> pay(buyer, variant)));
      }
      List<Payment> all = new ArrayList<>();
      for (Future<Payment> payment : made) {
        all.add(payment.get());
      }
      payments = List.copyOf(all);
    } catch (Exception e) {
      throw new IllegalStateException("setup failed: " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(Locale.ROOT,
        "Webhooks: %d orders with a sandbox payment made by %d customers in %.1f s; %.1f webhooks/s for %d s, "
            + "%.0f%% redeliveries%n",
        payments.size(), CUSTOMERS, (System.nanoTime() - start) / 1e9, RATE, DURATION_SECONDS,
        DUPLICATE_RATIO * 100);
    ServerSettling.await(BASE_URL, SCRAPE_TOKEN, SETTLE_SECONDS);
  }

  /** An order of one unit, and its sandbox payment; returns the event the sandbox would send for its success. */
  static Payment pay(SurgeClient buyer, String variant) {
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("name", "Load Test");
    address.put("line1", "1 Market St");
    address.put("city", "San Francisco");
    address.put("region", "CA");
    address.put("postalCode", "94105");
    address.put("country", "US");
    JsonNode order = buyer.postIdempotent("/api/v1/orders",
        Map.of("shippingAddress", address, "lines", List.of(Map.of("variantId", variant, "quantity", 1))),
        UUID.randomUUID().toString(), 201);
    String orderId = order.path("id").asText();
    JsonNode payment = buyer.postIdempotent("/api/v1/payments", Map.of("orderId", orderId, "provider", "sandbox"),
        UUID.randomUUID().toString(), 200, 201);
    String reference = payment.path("providerReference").asText();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("reference", reference);
    data.put("payment_reference", payment.path("id").asText());
    data.put("refund_reference", null);
    data.put("amount", payment.path("amount").path("amountMinor").asLong());
    data.put("currency", payment.path("amount").path("currency").asText());
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", "evt_" + reference + "_succeeded");
    event.put("type", "payment.succeeded");
    event.put("created", Instant.now().getEpochSecond());
    event.put("data", data);
    try {
      return new Payment(orderId, payment.path("id").asText(), reference, SurgeClient.JSON.writeValueAsString(event));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

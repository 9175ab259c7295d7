package dev.surge.loadtest;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A customer who signs up, signs in and buys, as Gatling chains that {@link CheckoutSimulation} runs
 * alone and {@link MixedSimulation} mixes with browsing and carts.
 *
 * <p>Orders need a real account (checkout reads the customer's email from it), so each buyer registers
 * ({@code POST /api/v1/auth/register}) and signs in ({@code POST /api/v1/auth/login}): two Argon2id
 * hashes on the server's bounded {@code argon2} scheduler, measured as their own requests, outside the
 * checkout group.
 *
 * <p>Group {@value #GROUP_CHECKOUT}, from the first cart call to the order read back as paid, with no
 * think time inside (the buyer waits on every step):
 *
 * <ol>
 *   <li>{@code POST /api/v1/cart/items}: one unit of a variant from the pool
 *   <li>{@code POST /api/v1/orders} with a new {@code Idempotency-Key} and a shipping address in the US,
 *       region CA: the cart is ordered (201, {@code PENDING_PAYMENT})
 *   <li>{@code POST /api/v1/payments {"orderId", "provider": "sandbox"}} with a new {@code
 *       Idempotency-Key}: the payment and its provider reference
 *   <li>{@code POST /api/v1/sandbox/payments/{reference}/complete {"outcome": "SUCCEED"}}: the sandbox
 *       marks it paid and delivers its signed webhook to Surge
 *   <li>{@code GET /api/v1/orders/{id}} until {@code status} is {@code PAID}, at most {@code maxPolls}
 *       reads {@code pollMs} apart; an order still unpaid after that fails the group
 * </ol>
 *
 * <p>With {@code pay=false} the group ends at the order (for a server without the payment routes).
 */
final class CheckoutJourney {

  private CheckoutJourney() {}

  static final String REQ_REGISTER = "sign up";
  static final String REQ_LOGIN = "sign in";
  static final String GROUP_CHECKOUT = "checkout end to end";
  static final String REQ_CART_ADD = "checkout cart add";
  static final String REQ_ORDER = "place order";
  static final String REQ_PAYMENT = "start payment";
  static final String REQ_COMPLETE = "sandbox completes payment";
  static final String REQ_POLL = "order status";

  /** Requests inside the group, for per-request assertions. */
  static List<String> groupRequests(boolean pay) {
    return pay ? List.of(REQ_CART_ADD, REQ_ORDER, REQ_PAYMENT, REQ_COMPLETE, REQ_POLL)
        : List.of(REQ_CART_ADD, REQ_ORDER);
  }

  /** Long enough for the password policy, free of the email's name, not a common password. */
  static final String PASSWORD = "gatling checkout passphrase 7";

  // Filled in by the simulation's before(), read by the virtual users.
  static volatile List<String> variantPool = List.of();

  private static final String TOKEN = "checkout_token";
  private static final String EMAIL = "checkout_email";
  private static final String ORDER = "checkout_orderId";
  private static final String REFERENCE = "checkout_reference";
  private static final String STATUS = "checkout_status";
  private static final String POLLS = "checkout_polls";

  /** Registers a new customer and signs in; the access token is kept for the checkout. */
  static ChainBuilder signUp() {
    return exec(session -> session
            .set(EMAIL, "load-" + UUID.randomUUID() + "@loadtest.example")
            .remove(TOKEN))
        .exec(
            http(REQ_REGISTER)
                .post("/api/v1/auth/register")
                .body(StringBody(session -> "{\"email\":\"" + session.getString(EMAIL) + "\",\"password\":\""
                    + PASSWORD + "\",\"displayName\":\"Load test buyer\"}"))
                .check(status().is(201)))
        .exec(
            http(REQ_LOGIN)
                .post("/api/v1/auth/login")
                .body(StringBody(session -> "{\"email\":\"" + session.getString(EMAIL) + "\",\"password\":\""
                    + PASSWORD + "\"}"))
                .check(status().is(200), jmesPath("accessToken").ofString().saveAs(TOKEN)))
        .exitHereIfFailed();
  }

  /** The checkout as the signed-in customer of {@link #signUp()}, timed as one group. */
  static ChainBuilder checkout(boolean pay, String provider, int maxPolls, int pollMs) {
    ChainBuilder order =
        exec(session -> session.removeAll(ORDER, REFERENCE, STATUS).set(POLLS, 0))
            .exec(
                asCustomer(http(REQ_CART_ADD).post("/api/v1/cart/items"))
                    .body(StringBody(session -> "{\"variantId\":\"" + BrowseJourney.random(variantPool)
                        + "\",\"quantity\":1}"))
                    .check(status().is(200), jmesPath("itemCount").ofInt().gt(0)))
            .exec(
                asCustomer(http(REQ_ORDER).post("/api/v1/orders"))
                    .header("Idempotency-Key", session -> UUID.randomUUID().toString())
                    .body(StringBody("{\"shippingAddress\":{\"name\":\"Load Test\",\"line1\":\"1 Market St\","
                        + "\"city\":\"San Francisco\",\"region\":\"CA\",\"postalCode\":\"94105\",\"country\":\"US\"}}"))
                    .check(
                        status().is(201),
                        jmesPath("status").is("PENDING_PAYMENT"),
                        jmesPath("id").ofString().saveAs(ORDER)))
            .exitHereIfFailed();
    if (!pay) {
      return group(GROUP_CHECKOUT).on(order);
    }
    return group(GROUP_CHECKOUT).on(
        order
            .exec(
                asCustomer(http(REQ_PAYMENT).post("/api/v1/payments"))
                    .header("Idempotency-Key", session -> UUID.randomUUID().toString())
                    .body(StringBody(session -> "{\"orderId\":\"" + session.getString(ORDER) + "\",\"provider\":\""
                        + provider + "\"}"))
                    .check(
                        status().in(200, 201),
                        jmesPath("providerReference").ofString().saveAs(REFERENCE)))
            .exitHereIfFailed()
            .exec(
                asCustomer(http(REQ_COMPLETE).post("/api/v1/sandbox/payments/#{" + REFERENCE + "}/complete"))
                    .body(StringBody("{\"outcome\":\"SUCCEED\"}"))
                    .check(status().in(200, 201, 202, 204)))
            .exitHereIfFailed()
            .asLongAs(session -> !"PAID".equals(session.getString(STATUS)) && session.getInt(POLLS) < maxPolls)
            .on(
                doIf(session -> session.getInt(POLLS) > 0)
                    .then(pause(Duration.ofMillis(pollMs)))
                    .exec(
                        asCustomer(http(REQ_POLL).get("/api/v1/orders/#{" + ORDER + "}"))
                            .check(status().is(200), jmesPath("status").ofString().saveAs(STATUS)))
                    .exec(session -> session.set(POLLS, session.getInt(POLLS) + 1)))
            // not paid within maxPolls reads: the group fails
            .exec(session -> "PAID".equals(session.getString(STATUS)) ? session : session.markAsFailed()));
  }

  private static HttpRequestActionBuilder asCustomer(HttpRequestActionBuilder request) {
    return request.header("Authorization", session -> "Bearer " + session.getString(TOKEN));
  }
}

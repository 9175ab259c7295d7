package dev.surge.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.cart.domain.VariantSnapshots;
import dev.surge.inventory.InventoryApi;
import dev.surge.inventory.ReserveStock;
import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** Guest and signed-in carts over HTTP: tokens, pricing, stock, merge at sign-in, write-behind and restore. */
class CartIntegrationTests extends IntegrationTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    static final String TOKEN = "X-Cart-Token";

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    VariantSnapshots variantSnapshots;

    @Autowired
    InventoryApi inventory;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @LocalServerPort
    int port;

    CartFixtures fixtures;
    TestTokens tokens;

    @BeforeEach
    void setUp() {
        fixtures = new CartFixtures(db);
        tokens = new TestTokens(accessTokens);
    }

    // ---- helpers: a call with optional guest token (header), cookie or bearer token ----

    WebTestClient.ResponseSpec call(HttpMethod method, String uri, Object body, Consumer<HttpHeaders> headers) {
        WebTestClient.RequestBodySpec spec = http.method(method).uri(uri).headers(headers);
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static Consumer<HttpHeaders> guest(String token) {
        return h -> {
            if (token != null) {
                h.set(TOKEN, token);
            }
        };
    }

    static Consumer<HttpHeaders> cookie(String token) {
        return h -> h.add(HttpHeaders.COOKIE, "surge_cart=" + token);
    }

    static Consumer<HttpHeaders> bearer(String accessToken) {
        return h -> h.setBearerAuth(accessToken);
    }

    static EntityExchangeResult<Map<String, Object>> ok(WebTestClient.ResponseSpec response) {
        return response.expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(JSON).returnResult();
    }

    static Map<String, Object> problem(WebTestClient.ResponseSpec response, HttpStatus status, String code) {
        Map<String, Object> body = response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(body).containsEntry("code", code);
        return body;
    }

    static Map<String, Object> addBody(UUID variant, int quantity) {
        return Map.of("variantId", variant.toString(), "quantity", quantity);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> cart) {
        return (List<Map<String, Object>>) cart.get("items");
    }

    static Map<String, Object> line(Map<String, Object> cart, UUID variant) {
        return items(cart).stream().filter(item -> variant.toString().equals(item.get("variantId"))).findFirst()
                .orElse(null);
    }

    static int quantity(Map<String, Object> cart, UUID variant) {
        Map<String, Object> line = line(cart, variant);
        return line == null ? 0 : ((Number) line.get("quantity")).intValue();
    }

    @SuppressWarnings("unchecked")
    static long amount(Map<String, Object> holder, String field) {
        return ((Number) ((Map<String, Object>) holder.get(field)).get("amountMinor")).longValue();
    }

    String signUpAndLogIn() {
        String email = "cart-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "correct horse battery staple";
        http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password, "displayName", "Ada"))
                .exchange().expectStatus().isCreated();
        Map<String, Object> login = http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        return (String) login.get("accessToken");
    }

    // ---- guests ----

    @Test
    void aGuestCartLivesBehindTheTokenInTheHeader() {
        UUID shoe = fixtures.variant(10, 1999);
        UUID sock = fixtures.variant(10, 500);

        ok(call(HttpMethod.GET, "/api/v1/cart", null, guest(null)));
        EntityExchangeResult<Map<String, Object>> created = ok(call(HttpMethod.POST, "/api/v1/cart/items",
                addBody(shoe, 2), guest(null)));
        String token = created.getResponseHeaders().getFirst(TOKEN);
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        Map<String, Object> cart = created.getResponseBody();
        assertThat(quantity(cart, shoe)).isEqualTo(2);
        assertThat(amount(line(cart, shoe), "unitPrice")).isEqualTo(1999);
        assertThat(amount(line(cart, shoe), "lineTotal")).isEqualTo(3998);
        assertThat(amount(cart, "subtotal")).isEqualTo(3998);
        assertThat(cart).containsEntry("currency", "USD").containsEntry("itemCount", 2);
        assertThat((String) line(cart, shoe).get("sku")).startsWith("CART-");
        assertThat(line(cart, shoe))
                .containsEntry("productTitle", "Trail runner").containsEntry("variantTitle", "Size 42")
                .containsEntry("available", 10).containsEntry("priceChanged", false)
                .containsEntry("insufficientStock", false).containsEntry("unavailable", false);

        // Adding the same variant again grows its line; another variant gets its own line after it.
        ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(shoe, 1), guest(token)));
        EntityExchangeResult<Map<String, Object>> two = ok(call(HttpMethod.POST, "/api/v1/cart/items",
                addBody(sock, 4), guest(token)));
        assertThat(two.getResponseHeaders().getFirst(TOKEN)).isEqualTo(token);
        cart = ok(call(HttpMethod.GET, "/api/v1/cart", null, guest(token))).getResponseBody();
        assertThat(items(cart)).extracting(item -> item.get("variantId")).containsExactly(shoe.toString(), sock.toString());
        assertThat(quantity(cart, shoe)).isEqualTo(3);
        assertThat(amount(cart, "subtotal")).isEqualTo(3 * 1999 + 4 * 500);

        cart = ok(call(HttpMethod.PATCH, "/api/v1/cart/items/" + sock, Map.of("quantity", 1), guest(token)))
                .getResponseBody();
        assertThat(quantity(cart, sock)).isEqualTo(1);
        cart = ok(call(HttpMethod.PATCH, "/api/v1/cart/items/" + sock, Map.of("quantity", 0), guest(token)))
                .getResponseBody();
        assertThat(line(cart, sock)).isNull();
        cart = ok(call(HttpMethod.DELETE, "/api/v1/cart/items/" + shoe, null, guest(token))).getResponseBody();
        assertThat(items(cart)).isEmpty();
        assertThat(cart.get("subtotal")).isNull();
        // Removing twice is harmless.
        ok(call(HttpMethod.DELETE, "/api/v1/cart/items/" + shoe, null, guest(token)));

        ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(sock, 2), guest(token)));
        EntityExchangeResult<Map<String, Object>> cleared = ok(call(HttpMethod.DELETE, "/api/v1/cart", null, guest(token)));
        assertThat(items(cleared.getResponseBody())).isEmpty();
        // The token survives a clear.
        assertThat(cleared.getResponseHeaders().getFirst(TOKEN)).isEqualTo(token);
        EntityExchangeResult<Map<String, Object>> again = ok(call(HttpMethod.POST, "/api/v1/cart/items",
                addBody(shoe, 1), guest(token)));
        assertThat(again.getResponseHeaders().getFirst(TOKEN)).isEqualTo(token);
        assertThat(quantity(again.getResponseBody(), shoe)).isEqualTo(1);
    }

    @Test
    void aBrowserKeepsItsCartInAnHttpOnlyCookie() {
        UUID shoe = fixtures.variant(10, 1999);

        EntityExchangeResult<Map<String, Object>> created = ok(call(HttpMethod.POST, "/api/v1/cart/items",
                addBody(shoe, 1), guest(null)));
        ResponseCookie set = created.getResponseCookies().getFirst("surge_cart");
        assertThat(set).isNotNull();
        assertThat(set.isHttpOnly()).isTrue();
        assertThat(set.isSecure()).isTrue();
        assertThat(set.getSameSite()).isEqualTo("Lax");
        assertThat(set.getPath()).isEqualTo("/api/v1"); // checkout reads it too
        assertThat(set.getMaxAge()).isEqualTo(Duration.ofDays(7));
        String token = set.getValue();
        assertThat(token).isEqualTo(created.getResponseHeaders().getFirst(TOKEN));

        ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(shoe, 2), cookie(token)));
        ok(call(HttpMethod.PATCH, "/api/v1/cart/items/" + shoe, Map.of("quantity", 4), cookie(token)));
        EntityExchangeResult<Map<String, Object>> read = ok(call(HttpMethod.GET, "/api/v1/cart", null, cookie(token)));
        assertThat(quantity(read.getResponseBody(), shoe)).isEqualTo(4);
        assertThat(read.getResponseCookies().getFirst("surge_cart").getValue()).isEqualTo(token);
        // Seven days from the last use, in Redis too.
        Long ttl = redis.getExpire("surge:cart:{" + dev.surge.cart.data.CartStore.guestCartId(token) + "}")
                .map(Duration::toSeconds).block();
        assertThat(ttl).isBetween(Duration.ofDays(7).toSeconds() - 60, Duration.ofDays(7).toSeconds());

        ok(call(HttpMethod.DELETE, "/api/v1/cart/items/" + shoe, null, cookie(token)));
        assertThat(items(ok(call(HttpMethod.DELETE, "/api/v1/cart", null, cookie(token))).getResponseBody())).isEmpty();
    }

    @Test
    void someoneElsesOrAnUnknownTokenGetsNothingOfTheirs() {
        UUID shoe = fixtures.variant(10, 1999);
        UUID sock = fixtures.variant(10, 500);
        String alice = ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(shoe, 3), guest(null)))
                .getResponseHeaders().getFirst(TOKEN);
        String bob = ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(sock, 1), guest(null)))
                .getResponseHeaders().getFirst(TOKEN);
        assertThat(bob).isNotEqualTo(alice);
        assertThat(items(ok(call(HttpMethod.GET, "/api/v1/cart", null, guest(bob))).getResponseBody()))
                .extracting(item -> item.get("variantId")).containsExactly(sock.toString());

        // A token nobody was given (well-formed or not): an empty cart, no token, nothing of anyone's.
        String forged = alice.substring(0, 42) + (alice.charAt(42) == 'A' ? 'B' : 'A');
        for (String token : List.of(forged, "not-a-token", alice + "x", "")) {
            EntityExchangeResult<Map<String, Object>> read = ok(call(HttpMethod.GET, "/api/v1/cart", null, guest(token)));
            assertThat(items(read.getResponseBody())).isEmpty();
            assertThat(read.getResponseHeaders().getFirst(TOKEN)).isNull();
            problem(call(HttpMethod.PATCH, "/api/v1/cart/items/" + shoe, Map.of("quantity", 1), guest(token)),
                    HttpStatus.NOT_FOUND, "cart_item_not_found");
            assertThat(items(ok(call(HttpMethod.DELETE, "/api/v1/cart/items/" + shoe, null, guest(token)))
                    .getResponseBody())).isEmpty();
            assertThat(items(ok(call(HttpMethod.DELETE, "/api/v1/cart", null, guest(token))).getResponseBody())).isEmpty();
        }
        // Adding with an unknown token starts a new cart under a new token: the forged one is never adopted.
        EntityExchangeResult<Map<String, Object>> fresh = ok(call(HttpMethod.POST, "/api/v1/cart/items",
                addBody(sock, 1), guest(forged)));
        assertThat(fresh.getResponseHeaders().getFirst(TOKEN)).isNotIn(forged, alice, bob);
        assertThat(items(fresh.getResponseBody())).hasSize(1);
        // A dead cookie is expired so that a browser starts over.
        EntityExchangeResult<Map<String, Object>> dead = ok(call(HttpMethod.GET, "/api/v1/cart", null, cookie(forged)));
        assertThat(dead.getResponseCookies().getFirst("surge_cart").getMaxAge()).isZero();

        // Alice's cart is untouched by all of this; a signed-in stranger sees their own cart, not hers.
        assertThat(quantity(ok(call(HttpMethod.GET, "/api/v1/cart", null, guest(alice))).getResponseBody(), shoe))
                .isEqualTo(3);
        String stranger = tokens.customer(UUID.randomUUID());
        assertThat(items(ok(call(HttpMethod.GET, "/api/v1/cart", null, bearer(stranger))).getResponseBody())).isEmpty();
        UUID someone = UUID.randomUUID();
        ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(shoe, 1), bearer(tokens.customer(someone))));
        assertThat(items(ok(call(HttpMethod.GET, "/api/v1/cart", null, bearer(stranger))).getResponseBody())).isEmpty();
    }

    // ---- sign-in ----

    @Test
    void signingInMergesTheGuestCartSummingQuantitiesCappedByStock() {
        UUID scarce = fixtures.variant(5, 1999);
        UUID plenty = fixtures.variant(50, 500);
        UUID gone = fixtures.variant(5, 700);
        String guestToken = ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(scarce, 3), guest(null)))
                .getResponseHeaders().getFirst(TOKEN);
        ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(plenty, 2), guest(guestToken)));
        ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(gone, 1), guest(guestToken)));

        String accessToken = signUpAndLogIn();
        ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(scarce, 4), bearer(accessToken)));
        fixtures.archiveProductOf(gone);
        variantSnapshots.evict(gone);

        EntityExchangeResult<Map<String, Object>> merged = ok(call(HttpMethod.POST, "/api/v1/cart/merge", null,
                bearer(accessToken).andThen(guest(guestToken))));
        Map<String, Object> cart = merged.getResponseBody();
        assertThat(quantity(cart, scarce)).isEqualTo(5); // 4 + 3, capped by the 5 available
        assertThat(quantity(cart, plenty)).isEqualTo(2);
        assertThat(line(cart, gone)).isNull(); // no longer for sale: left out
        assertThat(merged.getResponseHeaders().getFirst(TOKEN)).isNull();

        // The guest cart is gone: its token names nothing, and merging it again changes nothing.
        assertThat(items(ok(call(HttpMethod.GET, "/api/v1/cart", null, guest(guestToken))).getResponseBody())).isEmpty();
        cart = ok(call(HttpMethod.POST, "/api/v1/cart/merge", null, bearer(accessToken).andThen(guest(guestToken))))
                .getResponseBody();
        assertThat(quantity(cart, scarce)).isEqualTo(5);
        assertThat(quantity(cart, plenty)).isEqualTo(2);

        problem(call(HttpMethod.POST, "/api/v1/cart/merge", null, guest(guestToken)), HttpStatus.UNAUTHORIZED,
                "unauthorized");
    }

    @Test
    void aSignedInCallThatStillCarriesTheGuestCookieMergesItAndExpiresTheCookie() {
        UUID shoe = fixtures.variant(10, 1999);
        String guestToken = ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(shoe, 2), guest(null)))
                .getResponseHeaders().getFirst(TOKEN);
        String accessToken = tokens.customer(UUID.randomUUID());

        EntityExchangeResult<Map<String, Object>> read = ok(call(HttpMethod.GET, "/api/v1/cart", null,
                bearer(accessToken).andThen(cookie(guestToken))));
        assertThat(quantity(read.getResponseBody(), shoe)).isEqualTo(2);
        assertThat(read.getResponseCookies().getFirst("surge_cart").getMaxAge()).isZero();
        assertThat(quantity(ok(call(HttpMethod.GET, "/api/v1/cart", null, bearer(accessToken).andThen(cookie(guestToken))))
                .getResponseBody(), shoe)).isEqualTo(2);
    }

    // ---- pricing and stock ----

    @Test
    void aPriceChangeBetweenAddAndReadShowsTheNewPriceAndFlagsIt() {
        UUID shoe = fixtures.variant(10, 1000);
        String token = ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(shoe, 2), guest(null)))
                .getResponseHeaders().getFirst(TOKEN);

        fixtures.setPrice(shoe, 1250);
        variantSnapshots.evict(shoe);

        Map<String, Object> cart = ok(call(HttpMethod.GET, "/api/v1/cart", null, guest(token))).getResponseBody();
        Map<String, Object> line = line(cart, shoe);
        assertThat(amount(line, "unitPrice")).isEqualTo(1250);
        assertThat(amount(line, "priceWhenAdded")).isEqualTo(1000);
        assertThat(line).containsEntry("priceChanged", true);
        assertThat(amount(line, "lineTotal")).isEqualTo(2500);
        assertThat(amount(cart, "subtotal")).isEqualTo(2500);

        // Adding again means the customer has seen the new price.
        cart = ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(shoe, 1), guest(token))).getResponseBody();
        assertThat(line(cart, shoe)).containsEntry("priceChanged", false);
        assertThat(amount(cart, "subtotal")).isEqualTo(3750);

        // A client cannot set a price: unknown fields are ignored, the catalog's price is what counts.
        cart = ok(call(HttpMethod.POST, "/api/v1/cart/items",
                Map.of("variantId", shoe.toString(), "quantity", 1, "price", 1, "unitPrice", Map.of("amountMinor", 1)),
                guest(token))).getResponseBody();
        assertThat(amount(line(cart, shoe), "unitPrice")).isEqualTo(1250);
    }

    @Test
    void quantitiesAboveTheAvailableStockAreRefusedAndFlagged() {
        UUID shoe = fixtures.variant(3, 1000);
        String token = ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(shoe, 2), guest(null)))
                .getResponseHeaders().getFirst(TOKEN);

        problem(call(HttpMethod.POST, "/api/v1/cart/items", addBody(shoe, 2), guest(token)), HttpStatus.CONFLICT,
                "insufficient_stock");
        problem(call(HttpMethod.PATCH, "/api/v1/cart/items/" + shoe, Map.of("quantity", 4), guest(token)),
                HttpStatus.CONFLICT, "insufficient_stock");
        // A refused first add creates no cart.
        EntityExchangeResult<Map<String, Object>> refused = call(HttpMethod.POST, "/api/v1/cart/items",
                addBody(shoe, 4), guest(null)).expectStatus().isEqualTo(HttpStatus.CONFLICT).expectBody(JSON).returnResult();
        assertThat(refused.getResponseHeaders().getFirst(TOKEN)).isNull();
        assertThat(quantity(ok(call(HttpMethod.PATCH, "/api/v1/cart/items/" + shoe, Map.of("quantity", 3),
                guest(token))).getResponseBody(), shoe)).isEqualTo(3);

        // Stock taken by someone else's checkout: the line is flagged, and lowering it is always allowed.
        inventory.reserve(new ReserveStock("order:" + UUID.randomUUID(), List.of(new ReserveStock.Line(shoe, 2)), null))
                .block();
        Map<String, Object> cart = ok(call(HttpMethod.GET, "/api/v1/cart", null, guest(token))).getResponseBody();
        assertThat(line(cart, shoe)).containsEntry("available", 1).containsEntry("insufficientStock", true);
        problem(call(HttpMethod.PATCH, "/api/v1/cart/items/" + shoe, Map.of("quantity", 4), guest(token)),
                HttpStatus.CONFLICT, "insufficient_stock");
        cart = ok(call(HttpMethod.PATCH, "/api/v1/cart/items/" + shoe, Map.of("quantity", 2), guest(token)))
                .getResponseBody();
        assertThat(line(cart, shoe)).containsEntry("insufficientStock", true).containsEntry("quantity", 2);
        cart = ok(call(HttpMethod.PATCH, "/api/v1/cart/items/" + shoe, Map.of("quantity", 1), guest(token)))
                .getResponseBody();
        assertThat(line(cart, shoe)).containsEntry("insufficientStock", false);
    }

    @Test
    void stockChangedThroughAnotherInstanceShowsInTheCartWithinASecond() {
        UUID shoe = fixtures.variant(3, 1000);
        String token = ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(shoe, 2), guest(null)))
                .getResponseHeaders().getFirst(TOKEN);
        assertThat(line(ok(call(HttpMethod.GET, "/api/v1/cart", null, guest(token))).getResponseBody(), shoe))
                .containsEntry("available", 3);

        // Another instance's checkout takes the units: its script moves the shared counter, not this instance.
        redis.opsForValue().set("surge:inv:{v:" + shoe + "}:available", "1").block();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(line(ok(call(HttpMethod.GET,
                "/api/v1/cart", null, guest(token))).getResponseBody(), shoe))
                .containsEntry("available", 1).containsEntry("insufficientStock", true));
        // Adding more is checked against the counter itself, never a recent figure.
        redis.opsForValue().set("surge:inv:{v:" + shoe + "}:available", "0").block();
        problem(call(HttpMethod.POST, "/api/v1/cart/items", addBody(shoe, 1), guest(token)), HttpStatus.CONFLICT,
                "insufficient_stock");
    }

    @Test
    void concurrentAddsToOneCartNeverPassTheStock() {
        UUID shoe = fixtures.variant(50, 1000);
        String token = ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(shoe, 1), guest(null)))
                .getResponseHeaders().getFirst(TOKEN);

        ConnectionProvider connections = ConnectionProvider.builder("cart-storm").maxConnections(200)
                .pendingAcquireMaxCount(-1).build();
        WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)
                .responseTimeout(Duration.ofSeconds(60)))).build();
        List<Integer> statuses = Flux.range(0, 200)
                .flatMap(i -> client.post().uri("http://127.0.0.1:" + port + "/api/v1/cart/items")
                        .header(TOKEN, token).contentType(MediaType.APPLICATION_JSON).bodyValue(addBody(shoe, 1))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 200)
                .collectList().block(Duration.ofMinutes(2));
        connections.dispose();

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses.stream().filter(status -> status == 200)).hasSize(49);
        assertThat(quantity(ok(call(HttpMethod.GET, "/api/v1/cart", null, guest(token))).getResponseBody(), shoe))
                .isEqualTo(50);
    }

    @Test
    void limitsAndCurrencies() {
        UUID usd = fixtures.variant(500, 1000);
        UUID eur = fixtures.variant(10, 900, "EUR");
        String token = ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(usd, 100), guest(null)))
                .getResponseHeaders().getFirst(TOKEN);
        problem(call(HttpMethod.POST, "/api/v1/cart/items", addBody(usd, 1), guest(token)), HttpStatus.CONFLICT,
                "quantity_limit_exceeded");
        problem(call(HttpMethod.POST, "/api/v1/cart/items", addBody(eur, 1), guest(token)), HttpStatus.CONFLICT,
                "currency_mismatch");
        ok(call(HttpMethod.DELETE, "/api/v1/cart", null, guest(token)));
        // An emptied cart takes any currency.
        assertThat(ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(eur, 1), guest(token))).getResponseBody())
                .containsEntry("currency", "EUR");

        UUID archived = fixtures.variant(10, 1000);
        fixtures.archiveProductOf(archived);
        problem(call(HttpMethod.POST, "/api/v1/cart/items", addBody(archived, 1), guest(token)), HttpStatus.CONFLICT,
                "variant_unavailable");
    }

    // ---- bad input ----

    @Test
    void anUnknownVariantIsA404() {
        String token = ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(fixtures.variant(5, 100), 1), guest(null)))
                .getResponseHeaders().getFirst(TOKEN);
        problem(call(HttpMethod.POST, "/api/v1/cart/items", addBody(UUID.randomUUID(), 1), guest(token)),
                HttpStatus.NOT_FOUND, "variant_not_found");
        problem(call(HttpMethod.POST, "/api/v1/cart/items", addBody(UUID.randomUUID(), 1), guest(null)),
                HttpStatus.NOT_FOUND, "variant_not_found");
        problem(call(HttpMethod.PATCH, "/api/v1/cart/items/" + UUID.randomUUID(), Map.of("quantity", 1), guest(token)),
                HttpStatus.NOT_FOUND, "variant_not_found");
        problem(call(HttpMethod.PATCH, "/api/v1/cart/items/" + fixtures.variant(5, 100), Map.of("quantity", 1),
                guest(token)), HttpStatus.NOT_FOUND, "cart_item_not_found");
        problem(call(HttpMethod.PATCH, "/api/v1/cart/items/nope", Map.of("quantity", 1), guest(token)),
                HttpStatus.NOT_FOUND, "cart_item_not_found");
    }

    @Test
    void malformedBodiesAndWrongTypesAre400() {
        UUID shoe = fixtures.variant(5, 100);
        problem(http.post().uri("/api/v1/cart/items").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"variantId\":")
                .exchange(), HttpStatus.BAD_REQUEST, "malformed_json");
        problem(call(HttpMethod.POST, "/api/v1/cart/items", Map.of("variantId", shoe.toString(), "quantity", "two"),
                guest(null)), HttpStatus.BAD_REQUEST, "malformed_json");
        problem(call(HttpMethod.POST, "/api/v1/cart/items", Map.of("variantId", "shoe", "quantity", 1), guest(null)),
                HttpStatus.BAD_REQUEST, "malformed_json");
        problem(http.post().uri("/api/v1/cart/items").contentType(MediaType.APPLICATION_JSON).exchange(),
                HttpStatus.BAD_REQUEST, "body_required");
        Map<String, Object> missing = problem(call(HttpMethod.POST, "/api/v1/cart/items", Map.of("quantity", 1),
                guest(null)), HttpStatus.BAD_REQUEST, "validation_failed");
        assertThat(missing.get("errors").toString()).contains("variantId");
        for (int quantity : new int[] {0, -1, 101}) {
            Map<String, Object> body = problem(call(HttpMethod.POST, "/api/v1/cart/items", addBody(shoe, quantity),
                    guest(null)), HttpStatus.BAD_REQUEST, "validation_failed");
            assertThat(body.get("errors").toString()).contains("quantity");
        }
        problem(call(HttpMethod.PATCH, "/api/v1/cart/items/" + shoe, Map.of("quantity", -1), guest(null)),
                HttpStatus.BAD_REQUEST, "validation_failed");
        problem(call(HttpMethod.PATCH, "/api/v1/cart/items/" + shoe, Map.of("quantity", List.of(1)), guest(null)),
                HttpStatus.BAD_REQUEST, "malformed_json");
    }

    @Test
    void anInvalidBearerTokenIs401EvenThoughGuestsNeedNone() {
        ok(call(HttpMethod.GET, "/api/v1/cart", null, guest(null)));
        problem(call(HttpMethod.GET, "/api/v1/cart", null, bearer("not.a.jwt")), HttpStatus.UNAUTHORIZED, "unauthorized");
        problem(call(HttpMethod.POST, "/api/v1/cart/items", addBody(UUID.randomUUID(), 1), bearer("not.a.jwt")),
                HttpStatus.UNAUTHORIZED, "unauthorized");
    }

    // ---- signed-in carts survive Redis ----

    @Test
    void aUserCartIsWrittenBehindToPostgresAndRestoredAfterRedisLosesIt() {
        UUID shoe = fixtures.variant(10, 1999);
        UUID sock = fixtures.variant(10, 500);
        UUID userId = UUID.randomUUID();
        String accessToken = tokens.customer(userId);
        ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(shoe, 2), bearer(accessToken)));
        ok(call(HttpMethod.POST, "/api/v1/cart/items", addBody(sock, 3), bearer(accessToken)));
        ok(call(HttpMethod.PATCH, "/api/v1/cart/items/" + shoe, Map.of("quantity", 4), bearer(accessToken)));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(fixtures.storedItems(userId)).isEqualTo(Map.of(shoe, 4, sock, 3)));

        redis.delete("surge:cart:{u:" + userId + "}").block();
        Map<String, Object> cart = ok(call(HttpMethod.GET, "/api/v1/cart", null, bearer(accessToken))).getResponseBody();
        assertThat(items(cart)).extracting(item -> item.get("variantId")).containsExactly(shoe.toString(), sock.toString());
        assertThat(quantity(cart, shoe)).isEqualTo(4);
        assertThat(quantity(cart, sock)).isEqualTo(3);
        assertThat(amount(line(cart, shoe), "priceWhenAdded")).isEqualTo(1999);

        // A change right after a loss starts from the restored cart, not from an empty one.
        redis.delete("surge:cart:{u:" + userId + "}").block();
        cart = ok(call(HttpMethod.DELETE, "/api/v1/cart/items/" + sock, null, bearer(accessToken))).getResponseBody();
        assertThat(quantity(cart, shoe)).isEqualTo(4);
        assertThat(line(cart, sock)).isNull();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(fixtures.storedItems(userId)).isEqualTo(Map.of(shoe, 4)));

        // Clearing is written behind too.
        ok(call(HttpMethod.DELETE, "/api/v1/cart", null, bearer(accessToken)));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(fixtures.storedItems(userId)).isEmpty());
        redis.delete("surge:cart:{u:" + userId + "}").block();
        assertThat(items(ok(call(HttpMethod.GET, "/api/v1/cart", null, bearer(accessToken))).getResponseBody())).isEmpty();
    }
}

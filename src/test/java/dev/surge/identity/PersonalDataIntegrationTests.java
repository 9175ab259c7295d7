package dev.surge.identity;

import static dev.surge.identity.AuthClient.JSON;
import static dev.surge.identity.AuthClient.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import dev.surge.identity.PrivacyFixtures.Shopper;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventMetadata;
import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Personal data over HTTP: a customer with paid orders, sessions, a cart, emails, a review and a wished variant exports everything (and nothing
 * of another customer), erases the account, and afterwards cannot sign in, their tokens are refused, their orders
 * and invoices stay for staff with the personal fields replaced, a second erasure changes nothing, and no column of
 * any table still holds their email address.
 */
class PersonalDataIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    List<EventHandler<?>> handlers;

    @Autowired
    TransactionalOperator tx;

    PrivacyFixtures fixtures;
    String admin;

    @BeforeEach
    void setUp() {
        fixtures = new PrivacyFixtures(http, db);
        admin = new TestTokens(accessTokens).admin();
    }

    @Test
    @SuppressWarnings("unchecked")
    void exportThenErasureLeavesNoTraceOfTheEmail() {
        UUID variant = fixtures.variant();
        Shopper shopper = fixtures.shopper("gdpr");
        Shopper other = fixtures.shopper("bystander");
        String orderId = fixtures.paidOrder(shopper, variant, "Ada Lovelace");
        String otherOrder = fixtures.paidOrder(other, variant, "Grace Hopper");
        fixtures.addToCart(shopper, variant);
        fixtures.settled(shopper, orderId);
        // A wished variant, and a review of the product once the order was delivered (set as fulfilment would, as
        // the reviews tests do: only a delivered line may be reviewed).
        db.sql("UPDATE orders SET delivered_at = now() WHERE id = :id").bind("id", UUID.fromString(orderId))
                .fetch().rowsUpdated().block(Duration.ofSeconds(10));
        UUID product = db.sql("SELECT product_id FROM product_variants WHERE id = :id").bind("id", variant)
                .map(row -> row.get("product_id", UUID.class)).one().block(Duration.ofSeconds(10));
        http.put().uri("/api/v1/wishlist/items/{v}", variant).headers(h -> h.setBearerAuth(shopper.access()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("alerts", true))
                .exchange().expectStatus().isOk();
        http.post().uri("/api/v1/products/{id}/reviews", product).headers(h -> h.setBearerAuth(shopper.access()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("rating", 5, "title", "Verdict of Ada", "body", "Signed, Ada Lovelace"))
                .exchange().expectStatus().isCreated();

        // Export: started (asking again answers the same export), announced by email, downloaded once.
        Map<String, Object> started = http.post().uri("/api/v1/auth/me/export").headers(h -> h.setBearerAuth(shopper.access()))
                .exchange().expectStatus().isAccepted().expectBody(JSON).returnResult().getResponseBody();
        assertThat(started).containsEntry("status", "PENDING");
        String token = PrivacyFixtures.exportTokenFromEmail(shopper.email(), 1);
        fixtures.download(other.access(), token).expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        String document = fixtures.download(shopper.access(), token).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        fixtures.download(shopper.access(), token).expectStatus().isNotFound();
        Map<String, Object> export = new tools.jackson.databind.json.JsonMapper().readValue(document, Map.class);
        Map<String, Object> sections = (Map<String, Object>) export.get("sections");
        assertThat(sections).containsKeys("account", "sessions", "orders", "payments", "cart", "emails", "invoices",
                "audit", "reviews", "wishlists");
        assertThat(document).contains("Verdict of Ada", variant.toString());
        assertThat(((Map<String, Object>) sections.get("account")).get("email")).isEqualTo(shopper.email());
        assertThat((List<?>) sections.get("sessions")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(document).contains(orderId, "Ada Lovelace", "sandbox", "order-paid", "INV-");
        assertThat(document).doesNotContain(other.email(), otherOrder, "Grace Hopper", "passwordHash", "clientSecret");
        assertThat((List<?>) ((Map<String, Object>) sections.get("cart")).get("items")).hasSize(1);
        assertThat((List<?>) sections.get("audit")).isNotEmpty();

        // A message that failed and was dead-lettered carries the address too (any consumer may give up on one).
        UUID deadLetter = UUID.randomUUID();
        db.sql("INSERT INTO dead_letters (id, dlt_topic, dlt_partition, dlt_offset, topic, handler, payload, dead_lettered_at)"
                        + " VALUES (:id, 'surge.dead-letters', 0, 0, 'surge.orders', 'test.handler', :payload, now())")
                .bind("id", deadLetter)
                .bind("payload", java.nio.ByteBuffer.wrap(("{\"email\":\"" + shopper.email().toUpperCase(java.util.Locale.ROOT)
                        + "\",\"orderId\":\"" + orderId + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .fetch().rowsUpdated().block(Duration.ofSeconds(10));

        // Erasure: password checked; then every session ends at once.
        fixtures.erase(shopper.access(), Map.of("password", "not the password")).expectStatus().isUnauthorized();
        fixtures.erase(shopper.access(), Map.of("password", PASSWORD)).expectStatus().isNoContent();
        http.get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(shopper.access())).exchange()
                .expectStatus().isUnauthorized();
        http.get().uri("/api/v1/orders").headers(h -> h.setBearerAuth(shopper.otherAccess())).exchange()
                .expectStatus().isUnauthorized();
        new AuthClient(http, db).login(shopper.email(), PASSWORD).expectStatus().isUnauthorized();
        new AuthClient(http, db).refresh(shopper.refresh()).expectStatus().isUnauthorized();

        // Every module's handler of the one AccountErased event has run.
        UUID order = UUID.fromString(orderId);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                fixtures.count("SELECT count(*) FROM orders WHERE id = :id AND email = 'erased@erased.invalid'", order) == 1
                && fixtures.count("SELECT count(*) FROM invoices WHERE order_id = :id AND anonymised_at IS NOT NULL", order) == 1
                && fixtures.count("SELECT count(*) FROM notifications WHERE order_id = :id AND merchant_id IS NULL"
                        + " AND recipient <> 'erased@erased.invalid'", order) == 0
                && fixtures.count("SELECT count(*) FROM carts WHERE user_id = :id", shopper.id()) == 0
                && fixtures.count("SELECT count(*) FROM wishlist_items WHERE user_id = :id", shopper.id()) == 0
                && fixtures.count("SELECT count(*) FROM reviews WHERE author_id = :id", shopper.id()) == 0);
        // The review stays (anonymised, still counted in the product's rating).
        assertThat(fixtures.count("SELECT count(*) FROM reviews WHERE product_id = :id AND title = 'Verdict of Ada'",
                product)).isEqualTo(1);

        // Every erasure handler is safe to run again (a replay of the topic, new event ids): nothing changes.
        String before = snapshot(order, shopper.id());
        List<EventHandler<?>> erasers = handlers.stream().filter(h -> h.eventType() == AccountErased.class).toList();
        assertThat(erasers).extracting(EventHandler::name).contains("orders.account-erasure", "cart.account-erasure",
                "notifications.account-erasure", "invoicing.account-erasure");
        for (EventHandler<?> handler : erasers) {
            @SuppressWarnings("unchecked")
            EventHandler<AccountErased> eraser = (EventHandler<AccountErased>) handler;
            eraser.handle(new AccountErased(shopper.id(), Instant.now()),
                    new EventMetadata(UUID.randomUUID(), "AccountErased", shopper.id().toString(), null))
                    .as(tx::transactional).block(Duration.ofSeconds(30));
        }
        assertThat(snapshot(order, shopper.id())).isEqualTo(before);

        // The order stays for staff, with the buyer's personal fields replaced; the invoice keeps its number.
        Map<String, Object> kept = http.get().uri("/api/v1/admin/orders/" + orderId).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(kept).containsEntry("email", "erased@erased.invalid").containsEntry("status", "PAID");
        assertThat((Map<String, Object>) kept.get("shippingAddress")).containsEntry("name", "[erased]")
                .containsEntry("line1", "[erased]").containsEntry("phone", "[erased]").containsEntry("country", "US");
        byte[] pdf = http.get().uri("/api/v1/orders/" + orderId + "/invoice").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(text(pdf)).contains("INV-").contains("[erased]").doesNotContain("Ada Lovelace", "Analytical");

        // A second erasure (the admin's) is a no-op: no second event, nothing changes.
        http.method(HttpMethod.DELETE).uri("/api/v1/admin/users/" + shopper.id()).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isNoContent();
        assertThat(fixtures.count("SELECT count(*) FROM outbox_events WHERE event_type = 'AccountErased'"
                + " AND event_key = CAST(:id AS text)", shopper.id())).isEqualTo(1);

        // An erased account is never brought back, nor signed into under its stand-in address.
        http.patch().uri("/api/v1/admin/users/" + shopper.id()).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("status", "ACTIVE"))
                .exchange().expectStatus().isNotFound();
        new AuthClient(http, db).login("erased+" + shopper.id() + "@erased.invalid", PASSWORD).expectStatus().isUnauthorized();

        // The key check: the address is nowhere in the database (the dead letter still names the order, with the
        // stand-in address in its place).
        assertThat(columnsHolding(shopper.email())).isEmpty();
        assertThat(db.sql("SELECT convert_from(payload, 'UTF8') AS p FROM dead_letters WHERE id = :id").bind("id", deadLetter)
                .map(row -> row.get("p", String.class)).one().block(Duration.ofSeconds(10)))
                .isEqualTo("{\"email\":\"erased@erased.invalid\",\"orderId\":\"" + orderId + "\"}");
        assertThat(columnsHolding(other.email())).isNotEmpty();

        // The address is free again: it registers as a new account.
        Map<String, Object> again = new AuthClient(http, db).register(shopper.email());
        assertThat(again.get("id")).isNotEqualTo(shopper.id().toString());
    }

    @Test
    void erasureWithTwoFactorNeedsTheCode() throws Exception {
        Shopper shopper = fixtures.shopper("gdpr-2fa");
        Map<String, Object> setup = http.post().uri("/api/v1/auth/2fa/setup").headers(h -> h.setBearerAuth(shopper.access()))
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        String secret = setup.get("secret").toString();
        http.post().uri("/api/v1/auth/2fa/enable").headers(h -> h.setBearerAuth(shopper.access()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("password", PASSWORD, "code", code(secret, 0)))
                .exchange().expectStatus().isOk();

        fixtures.erase(shopper.access(), Map.of("password", PASSWORD)).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("code");
        fixtures.erase(shopper.access(), Map.of("password", PASSWORD, "code", "000000x")).expectStatus().isUnauthorized();
        assertThat(status(shopper.id())).isEqualTo("ACTIVE");

        fixtures.erase(shopper.access(), Map.of("password", PASSWORD, "code", code(secret, 30)))
                .expectStatus().isNoContent();
        assertThat(status(shopper.id())).isEqualTo("ERASED");
        assertThat(fixtures.count("SELECT count(*) FROM recovery_codes WHERE user_id = :id", shopper.id())).isZero();
    }

    @Test
    void badInputIsAProblemAndErasesNothing() {
        Shopper shopper = fixtures.shopper("gdpr-bad");
        http.method(HttpMethod.DELETE).uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(shopper.access()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"password\": ").exchange()
                .expectStatus().isBadRequest().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.method(HttpMethod.DELETE).uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(shopper.access()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("password", 12)).exchange()
                .expectStatus().is4xxClientError();
        fixtures.erase(shopper.access(), Map.of("code", "123456")).expectStatus().isBadRequest();
        http.method(HttpMethod.DELETE).uri("/api/v1/auth/me").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", PASSWORD)).exchange().expectStatus().isUnauthorized();
        fixtures.download(shopper.access(), "no-such-token").expectStatus().isNotFound();
        fixtures.download(shopper.access(), "").expectStatus().isBadRequest();

        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
            http.method(HttpMethod.DELETE).uri("/api/v1/admin/users/" + id).headers(h -> h.setBearerAuth(admin))
                    .exchange().expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("user_not_found");
            http.post().uri("/api/v1/admin/users/" + id + "/export").headers(h -> h.setBearerAuth(admin))
                    .exchange().expectStatus().isNotFound();
        }
        // Only staff may erase or export someone else; staff accounts are not erased.
        http.method(HttpMethod.DELETE).uri("/api/v1/admin/users/" + shopper.id()).headers(h -> h.setBearerAuth(shopper.otherAccess()))
                .exchange().expectStatus().isForbidden();
        UUID staff = new dev.surge.support.CatalogRows(db).user("FINANCE", null, "gdpr-staff");
        http.method(HttpMethod.DELETE).uri("/api/v1/admin/users/" + staff).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isEqualTo(409);
        assertThat(status(shopper.id())).isEqualTo("ACTIVE");
        assertThat(status(staff)).isEqualTo("ACTIVE");
        new AuthClient(http, db).me(shopper.access()).expectStatus().isOk();
    }

    @Test
    void adminExportIsSentToTheCustomer() {
        Shopper shopper = fixtures.shopper("gdpr-admin");
        http.post().uri("/api/v1/admin/users/" + shopper.id() + "/export").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isAccepted();
        String token = PrivacyFixtures.exportTokenFromEmail(shopper.email(), 1);
        fixtures.download(shopper.access(), token).expectStatus().isOk()
                .expectBody().jsonPath("$.sections.account.email").isEqualTo(shopper.email());
    }

    /** Every text, varchar and JSON column of every table of the public schema that holds {@code value} anywhere. */
    private List<String> columnsHolding(String value) {
        List<String[]> columns = db.sql("""
                SELECT table_name, column_name, data_type FROM information_schema.columns
                WHERE table_schema = 'public'
                  AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'bytea')
                ORDER BY table_name, column_name""")
                .map(row -> new String[] {row.get("table_name", String.class), row.get("column_name", String.class),
                        row.get("data_type", String.class)})
                .all().collectList().block();
        List<String> holding = new ArrayList<>();
        for (String[] column : columns) {
            // Bytes (dead letters' payloads, PDFs) are searched as bytes, in the address's case and in lower case.
            String sql = "bytea".equals(column[2])
                    ? "SELECT count(*) FROM \"" + column[0] + "\" WHERE position(convert_to(:v, 'UTF8') IN \"" + column[1]
                            + "\") > 0 OR position(convert_to(lower(:v), 'UTF8') IN \"" + column[1] + "\") > 0"
                    : "SELECT count(*) FROM \"" + column[0] + "\" WHERE \"" + column[1] + "\"::text ILIKE '%' || :v || '%'";
            long count = db.sql(sql).bind("v", value).map(row -> ((Number) row.get(0)).longValue()).one().block();
            if (count > 0) {
                holding.add(column[0] + "." + column[1] + " (" + count + ")");
            }
        }
        return holding;
    }

    /** The rows the erasure handlers write, as text, to compare before and after a replay. */
    private String snapshot(UUID order, UUID user) {
        return db.sql("""
                SELECT concat_ws('|',
                    (SELECT concat_ws(';', email, shipping_address::text, billing_address::text, updated_at::text)
                     FROM orders WHERE id = :order),
                    (SELECT concat_ws(';', number, document::text, anonymised_at::text, rendered_at::text)
                     FROM invoices WHERE order_id = :order),
                    (SELECT string_agg(concat_ws(';', recipient, status, model::text, updated_at::text), ',' ORDER BY id)
                     FROM notifications WHERE order_id = :order),
                    (SELECT count(*)::text FROM carts WHERE user_id = :user),
                    (SELECT concat_ws(';', email, status, erased_at::text) FROM users WHERE id = :user)) AS rows""")
                .bind("order", order).bind("user", user)
                .map(row -> row.get("rows", String.class)).one().block();
    }

    private String status(UUID userId) {
        return db.sql("SELECT status FROM users WHERE id = :id").bind("id", userId)
                .map(row -> row.get("status", String.class)).one().block();
    }

    private static String text(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String code(String base32Secret, long offsetSeconds) throws Exception {
        TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();
        return totp.generateOneTimePasswordString(new SecretKeySpec(new Base32().decode(base32Secret), totp.getAlgorithm()),
                Instant.now().plusSeconds(offsetSeconds));
    }
}

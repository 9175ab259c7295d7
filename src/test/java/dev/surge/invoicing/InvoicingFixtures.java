package dev.surge.invoicing;

import dev.surge.support.CatalogRows;
import dev.surge.support.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Orders to invoice, made and paid over HTTP as shoppers and staff do, and PDFs read back with PDFBox. */
final class InvoicingFixtures {

    private final DatabaseClient db;
    private final WebTestClient http;
    private final TestTokens tokens;
    private final CatalogRows rows;

    InvoicingFixtures(DatabaseClient db, WebTestClient http, TestTokens tokens) {
        this.db = db;
        this.http = http;
        this.tokens = tokens;
        this.rows = new CatalogRows(db);
    }

    record Customer(UUID id, String token) {
    }

    Customer customer() {
        UUID id = rows.user("CUSTOMER", null, "invoiced");
        return new Customer(id, tokens.customer(id));
    }

    String staff(String role) {
        return tokens.as(rows.user(role, null, "staff"), role);
    }

    UUID variant(int stock, long price) {
        return rows.variant(stock, price, "USD", null).id();
    }

    /** The checkout body: lines of one unit each (quantity {@code i + 1} for the i-th), shipped to California. */
    static Map<String, Object> checkout(String email, List<UUID> variants) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (email != null) {
            body.put("email", email);
        }
        body.put("shippingAddress", Map.of("name", "Ada Lovelace", "line1", "12 Analytical Way", "city", "Springfield",
                "postalCode", "12345", "country", "US", "region", "CA"));
        body.put("billingAddress", Map.of("name", "Ada King", "line1", "1 Engine Row", "city", "London",
                "postalCode", "N1 1AA", "country", "GB"));
        body.put("lines", java.util.stream.IntStream.range(0, variants.size())
                .mapToObj(i -> Map.of("variantId", variants.get(i).toString(), "quantity", i + 1)).toList());
        return body;
    }

    /** An order pending payment: the customer's (bearer token) or, with a null token, a guest's. */
    @SuppressWarnings("unchecked")
    Map<String, Object> order(String token, List<UUID> variants) {
        return http.post().uri("/api/v1/orders").headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(checkout(token == null ? "guest-" + UUID.randomUUID() + "@example.com" : null, variants))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** Pays the order through the payment sandbox as a shopper would; answers the payment. */
    Map<String, Object> pay(Map<String, Object> order, String token) {
        return dev.surge.support.SandboxShopper.pay(http, order, token);
    }

    long count(String sql, UUID id) {
        return db.sql(sql).bind("id", id).map(row -> ((Number) row.get(0)).longValue()).one().block();
    }

    static String text(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.surge.catalog;

import dev.surge.catalog.data.ListingCache;
import static dev.surge.catalog.ManagementClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/** Bulk CSV: streamed import with row-level errors, export in the same format, round trip. */
class ProductCsvIntegrationTests extends IntegrationTest {

    static final String HEADER = "handle,title,description,category,status,featured,featured_position,sku,variant_title,"
            + "price,compare_at_price,currency,weight_grams,attributes,stock\r\n";

    @Autowired
    DatabaseClient db;

    @Autowired
    ListingCache listingCache;

    @Test
    void aThousandRowsWithTenBadOnesImport990AndReportTheTenByLine() {
        CatalogFixtures fixtures = new CatalogFixtures(db, listingCache);
        ManagementClient client = new ManagementClient(http, db);
        CatalogFixtures.Merchant merchant = fixtures.merchant();
        String category = CatalogFixtures.unique("csv");
        fixtures.category(null, category);
        String seller = client.seller(merchant.id());
        String run = UUID.randomUUID().toString().substring(0, 6);
        // Long descriptions put the file over the 1 MB limit of other requests.
        String description = "\"A sturdy, honest product, described at length. " + "Lorem ipsum dolor sit amet. ".repeat(40) + "\"";

        StringBuilder csv = new StringBuilder(HEADER);
        Set<Integer> badLines = new java.util.TreeSet<>();
        for (int row = 0; row < 1_000; row++) {
            int line = row + 2;
            int product = row / 2; // two variants per product
            String handle = "csv-" + run + "-" + product;
            String sku = "CSV-" + run + "-" + row;
            String price = "19.99";
            String currency = "USD";
            String attributes = "size=" + (row % 2 == 0 ? "M" : "L") + "|colour=Red";
            String cat = category;
            if (row % 100 == 37) {
                badLines.add(line);
                switch (row / 100) {
                    case 0 -> price = "19.999";            // too many decimals for USD
                    case 1 -> currency = "XYZ";            // no such currency
                    case 2 -> cat = "no-such-category";
                    case 3 -> sku = "";                    // missing SKU
                    case 4 -> price = "cheap";
                    case 5 -> { price = "1500.5"; currency = "JPY"; }  // JPY has no decimals
                    case 6 -> attributes = "size";         // no =value
                    case 7 -> sku = "CSV-" + run + "-0";   // SKU of line 2's variant
                    case 8 -> price = "-1";
                    default -> cat = "";                   // required
                }
            }
            csv.append(String.join(",", handle, "Product " + run + " " + product, description, cat, "ACTIVE",
                    "false", "", sku, "Variant " + row, price, "", currency, "250", attributes, "3")).append("\r\n");
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(1024 * 1024);

        long started = System.nanoTime();
        Map<String, Object> summary = importCsv(merchant.id(), seller, bytes).expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(summary).containsEntry("rows", 1_000).containsEntry("imported", 990).containsEntry("failed", 10);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) summary.get("errors");
        assertThat(errors).extracting(e -> (Integer) e.get("line")).containsExactlyElementsOf(badLines);
        assertThat(errors).extracting(e -> e.get("field"))
                .containsExactly("price", "currency", "category", "sku", "price", "price", "attributes", "sku", "price", "category");
        assertThat(db.sql("SELECT count(*) AS n FROM product_variants v JOIN products p ON p.id = v.product_id WHERE p.merchant_id = :m")
                .bind("m", merchant.id()).map(r -> r.get("n", Long.class)).one().block()).isEqualTo(990L);
        assertThat(db.sql("SELECT count(*) AS n FROM products WHERE merchant_id = :m")
                .bind("m", merchant.id()).map(r -> r.get("n", Long.class)).one().block()).isEqualTo(500L);
        org.slf4j.LoggerFactory.getLogger(getClass()).info("Imported 1,000 CSV rows ({} bytes) in {} ms", bytes.length, millis);

        // Export, and import the export back: every row updates, nothing changes, nothing fails.
        String exported = exportCsv(merchant.id(), seller);
        assertThat(exported).startsWith(HEADER);
        assertThat(exported.split("\r\n")).hasSize(991);
        Map<String, Object> again = importCsv(merchant.id(), seller, exported.getBytes(StandardCharsets.UTF_8))
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(again).containsEntry("imported", 990).containsEntry("created", 0).containsEntry("failed", 0);
        assertThat(exportCsv(merchant.id(), seller)).isEqualTo(exported);
    }

    @Test
    void badFilesAndCallersAreRefusedWithoutWritingAnything() {
        CatalogFixtures fixtures = new CatalogFixtures(db, listingCache);
        ManagementClient client = new ManagementClient(http, db);
        CatalogFixtures.Merchant merchant = fixtures.merchant();
        String seller = client.seller(merchant.id());
        importCsv(merchant.id(), seller, "title,sku,colour\r\nHat,H-1,red\r\n".getBytes(StandardCharsets.UTF_8))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("validation_failed")
                .jsonPath("$.errors[?(@.field == 'colour')]").exists();
        http.post().uri("/api/v1/merchants/" + merchant.id() + "/products/import").headers(h -> h.setBearerAuth(seller))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        importCsv(merchant.id(), client.signedInAs("CUSTOMER", null), HEADER.getBytes(StandardCharsets.UTF_8))
                .expectStatus().isForbidden();
        importCsv(fixtures.merchant().id(), seller, HEADER.getBytes(StandardCharsets.UTF_8)).expectStatus().isNotFound();
        assertThat(db.sql("SELECT count(*) AS n FROM products WHERE merchant_id = :m").bind("m", merchant.id())
                .map(r -> r.get("n", Long.class)).one().block()).isZero();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec importCsv(UUID merchant, String token, byte[] csv) {
        return slow().post().uri("/api/v1/merchants/" + merchant + "/products/import").headers(h -> h.setBearerAuth(token))
                .contentType(new MediaType("text", "csv")).bodyValue(csv).exchange();
    }

    /** Imports of a thousand rows take seconds on a busy two-core machine. */
    private org.springframework.test.web.reactive.server.WebTestClient slow() {
        return http.mutate().responseTimeout(java.time.Duration.ofSeconds(120))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
    }

    private String exportCsv(UUID merchant, String token) {
        byte[] body = slow().get().uri("/api/v1/merchants/" + merchant + "/products/export").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith(new MediaType("text", "csv"))
                .expectBody(byte[].class).returnResult().getResponseBody();
        return new String(body, StandardCharsets.UTF_8);
    }
}

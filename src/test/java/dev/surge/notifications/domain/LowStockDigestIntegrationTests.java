package dev.surge.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.support.CatalogRows;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestMailServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Stock sold below the threshold over HTTP (checkouts), LowStock through Kafka, and the digest: one email per
 * merchant per round listing every variant that crossed, not one per unit. The test runs the rounds itself (the
 * test profile's interval is the default hour), so what one round holds does not depend on timing.
 */
class LowStockDigestIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;
    @Autowired
    LowStockDigests digests;

    @Test
    void oneDigestPerMerchantPerRoundListsEveryVariantThatFellBelowItsThreshold() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        UUID merchant = rows.merchant();
        String contact = "stock-" + UUID.randomUUID() + "@example.com";
        db.sql("UPDATE merchants SET contact_email = :e WHERE id = :id").bind("e", contact).bind("id", merchant)
                .then().block();
        UUID lamp = rows.variantOf(merchant, 6, 1000, "USD", null).id();   // threshold 5: 2 sold leave 4
        UUID shade = rows.variantOf(merchant, 6, 500, "USD", null).id();
        UUID bulb = rows.variantOf(merchant, 6, 300, "USD", null).id();
        Map<UUID, Integer> lines = new LinkedHashMap<>();
        lines.put(lamp, 1);
        lines.put(shade, 2);
        checkout(lines);
        checkout(Map.of(lamp, 1)); // the lamp crosses with this second unit: one more LowStock, still one digest
        await().atMost(Duration.ofSeconds(60)).until(() -> waiting(merchant) == 2);

        digests.round().block(Duration.ofSeconds(30));

        MimeMessage digest = emails(contact, 1).get(0);
        assertThat(digest.getSubject()).isEqualTo("Low stock: 2 variant(s) to restock");
        assertThat(part(digest, "text/plain")).contains(sku(lamp)).contains(sku(shade)).doesNotContain(sku(bulb));
        assertThat(part(digest, "text/html")).contains(sku(lamp)).contains(sku(shade));
        assertThat(waiting(merchant)).isZero();

        digests.round().block(Duration.ofSeconds(30));
        checkout(Map.of(bulb, 3));
        await().atMost(Duration.ofSeconds(60)).until(() -> waiting(merchant) == 1);
        digests.round().block(Duration.ofSeconds(30));
        List<MimeMessage> both = emails(contact, 2);
        assertThat(both.get(1).getSubject()).isEqualTo("Low stock: 1 variant(s) to restock");
    }

    private void checkout(Map<UUID, Integer> lines) {
        Map<String, Object> body = Map.of("email", "stock-buyer-" + UUID.randomUUID() + "@example.com",
                "shippingAddress", Map.of("name", "Ada", "line1", "1 Road", "city", "Kuwait City", "postalCode", "1",
                        "country", "KW"),
                "lines", lines.entrySet().stream().map(line -> Map.of("variantId", line.getKey().toString(),
                        "quantity", line.getValue())).toList());
        http.post().uri("/api/v1/orders").header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isCreated();
    }

    private long waiting(UUID merchant) {
        return db.sql("SELECT count(*) FROM low_stock_pending WHERE merchant_id = :m").bind("m", merchant)
                .map(row -> ((Number) row.get(0)).longValue()).one().block();
    }

    private String sku(UUID variant) {
        return db.sql("SELECT sku FROM product_variants WHERE id = :id").bind("id", variant)
                .map(row -> row.get("sku", String.class)).one().block();
    }

    private static String part(jakarta.mail.Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            jakarta.mail.Multipart multipart = (jakarta.mail.Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static List<MimeMessage> emails(String to, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> received(to).size() >= count);
        List<MimeMessage> emails = received(to);
        assertThat(emails).hasSize(count);
        return emails;
    }

    private static List<MimeMessage> received(String to) {
        return Arrays.stream(TestMailServer.server().getReceivedMessages()).filter(message -> {
            try {
                return message.getRecipients(Message.RecipientType.TO)[0].toString().equals(to);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}

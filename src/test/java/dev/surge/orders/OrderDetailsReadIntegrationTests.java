package dev.surge.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.orders.data.OrderQueries;
import dev.surge.orders.domain.Order;
import dev.surge.platform.persistence.Money;
import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * An order with all its details is read in one statement ({@link OrderQueries#detailed}, JSON aggregates): it must
 * read exactly what the order and its lines, history and refunds due read one table at a time, and the merchants
 * of its lines.
 */
class OrderDetailsReadIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    OrdersApi ordersApi;

    @Autowired
    OrderQueries queries;

    @Test
    void theOneStatementReadEqualsTheTableByTableRead() {
        OrderFixtures fixtures = new OrderFixtures(db);
        TestTokens tokens = new TestTokens(accessTokens);
        var lamp = fixtures.variant(5, 3000, "USD", null);
        var chair = fixtures.variant(5, 12_550, "USD", null);
        Map<String, Object> order = http.post().uri("/api/v1/orders")
                .headers(h -> {
                    h.setBearerAuth(tokens.customer(fixtures.customer()));
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("shippingAddress", OrdersIntegrationTests.address("US", "CA"), "lines", List.of(
                        Map.of("variantId", lamp.id().toString(), "quantity", 2),
                        Map.of("variantId", chair.id().toString(), "quantity", 1))))
                .exchange().expectStatus().isCreated().expectBody(OrdersIntegrationTests.JSON).returnResult()
                .getResponseBody();
        UUID id = UUID.fromString((String) order.get("id"));
        long total = OrdersIntegrationTests.minor(order, "total");
        // a refund due that is settled, one that is not, and a move to PAID in the history
        ordersApi.markPaid(id, new Money(total - 1, "USD"), "pay-short").block();
        ordersApi.recordRefund(id, "pay-short", new Money(total - 1, "USD"), "short-1").block();
        ordersApi.markPaid(id, new Money(total, "USD"), "pay-1").block();
        ordersApi.markPaid(id, new Money(total, "USD"), "pay-2").block();

        Order tableByTable = queries.find(id).flatMap(queries::withDetails).block();
        OrderQueries.Detailed detailed = queries.detailed(id).block();

        assertThat(tableByTable.lines()).hasSize(2);
        assertThat(tableByTable.history()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(tableByTable.refundsDue()).hasSize(2)
                .anySatisfy(due -> assertThat(due.settledAt()).isNotNull())
                .anySatisfy(due -> assertThat(due.settledAt()).isNull());
        assertThat(detailed.order()).isEqualTo(tableByTable);
        Map<UUID, String> merchants = db.sql("SELECT id, name FROM merchants WHERE id IN (:a, :b)")
                .bind("a", lamp.merchantId()).bind("b", chair.merchantId())
                .map(row -> Map.entry(row.get("id", UUID.class), row.get("name", String.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue).block();
        assertThat(merchants).isNotEmpty();
        assertThat(detailed.merchantNames()).isEqualTo(merchants);
        assertThat(queries.detailed(UUID.randomUUID()).blockOptional()).isEmpty();
    }
}

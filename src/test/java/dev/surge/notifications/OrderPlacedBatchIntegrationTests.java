package dev.surge.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surge.orders.OrderPlaced;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventMetadata;
import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The order-received emails of orders placed together are recorded by the handler's batch work (one read of the
 * orders, one statement for the emails) exactly as one by one: one email per event, to each order's buyer, with its
 * number; the same events again record nothing more; a batch with an order that does not exist records nothing.
 */
class OrderPlacedBatchIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;
    @Autowired
    AccessTokens accessTokens;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    @Qualifier("orderPlacedMailer")
    EventHandler<OrderPlaced> mailer;

    @Test
    void ordersPlacedTogetherGetTheirReceivedEmailEachOnce() {
        Shop shop = new Shop(db, http, new TestTokens(accessTokens));
        UUID variant = shop.variant(shop.merchantWithSeller(), 50, 1_000);
        UUID customer = shop.customer();
        List<Map<String, Object>> orders = new ArrayList<>();
        orders.add(shop.checkout(null, Shop.address("batch-guest"), Map.of(variant, 1)));
        orders.add(shop.checkout(shop.token(customer), null, Map.of(variant, 2)));
        orders.add(shop.checkout(null, Shop.address("batch-other-guest"), Map.of(variant, 1)));

        List<OrderPlaced> events = orders.stream().map(order -> new OrderPlaced(UUID.fromString((String) order.get("id")),
                (String) order.get("number"), null, null, null, List.of(), null, null)).toList();
        List<EventMetadata> metadata = orders.stream()
                .map(order -> new EventMetadata(UUID.randomUUID(), "OrderPlaced", (String) order.get("id"), null))
                .toList();
        apply(events, metadata);
        apply(events, metadata); // the same events again: the emails are there already

        for (int i = 0; i < orders.size(); i++) {
            Map<String, Object> order = orders.get(i);
            assertThat(recorded(metadata.get(i).eventId())).as("event %s", i)
                    .containsExactly(order.get("email") + " order-received We received your order " + order.get("number"));
        }

        // An unknown order fails the whole batch (its events are then retried one by one): nothing of it is kept.
        List<OrderPlaced> withUnknown = List.of(events.get(0), new OrderPlaced(UUID.randomUUID(), "SRG-NONE", null,
                null, null, List.of(), null, null));
        List<EventMetadata> fresh = List.of(new EventMetadata(UUID.randomUUID(), "OrderPlaced", "k", null),
                new EventMetadata(UUID.randomUUID(), "OrderPlaced", "k", null));
        assertThatThrownBy(() -> apply(withUnknown, fresh)).hasMessageContaining("was not found");
        assertThat(recorded(fresh.get(0).eventId())).isEmpty();
    }

    private void apply(List<OrderPlaced> events, List<EventMetadata> metadata) {
        mailer.handleAll(events, metadata).as(tx::transactional).block(Duration.ofSeconds(10));
    }

    private List<String> recorded(UUID eventId) {
        return db.sql("SELECT concat_ws(' ', recipient, template, subject) AS line FROM notifications "
                        + "WHERE event_id = :e ORDER BY 1")
                .bind("e", eventId).map(row -> row.get("line", String.class)).all().collectList().block();
    }
}

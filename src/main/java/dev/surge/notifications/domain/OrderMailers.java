package dev.surge.notifications.domain;

import dev.surge.catalog.CatalogApi;
import dev.surge.inventory.InventoryEvents;
import dev.surge.inventory.LowStock;
import dev.surge.notifications.config.NotificationsProperties;
import dev.surge.notifications.data.LowStockQueries;
import dev.surge.orders.OrderDetails;
import dev.surge.orders.OrderEvents;
import dev.surge.orders.OrderPaid;
import dev.surge.orders.OrderPlaced;
import dev.surge.orders.OrderRefunded;
import dev.surge.orders.OrderStatusChanged;
import dev.surge.orders.OrdersApi;
import dev.surge.payments.PaymentEvents;
import dev.surge.payments.PaymentFailed;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventHandlers;
import dev.surge.platform.events.EventMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The lifecycle emails events become. Each handler only records its emails in the {@code notifications} table, in
 * the transaction the consumer base marks its event handled in, so a redelivered event records nothing more (and
 * the table's unique key would refuse it anyway); {@link NotificationDispatcher} sends them. Handler names are
 * consumer groups and idempotency keys: they never change ({@code notifications.order-paid} is the one the paid
 * order's email always had).
 */
@Configuration(proxyBeanMethods = false)
class OrderMailers {

    private static final Logger log = LoggerFactory.getLogger(OrderMailers.class);

    /** Order received, to the buyer. */
    @Bean
    EventHandler<OrderPlaced> orderPlacedMailer(Recorder recorder, OrderNotices notices) {
        return EventHandlers.of("notifications.order-placed", OrderEvents.TOPIC, OrderPlaced.class,
                (event, metadata) -> recorder.forOrder(metadata, event.orderId(), null,
                        order -> Mono.just(notices.placed(order))),
                (events, metadata) -> recorder.forOrders(metadata, events.stream().map(OrderPlaced::orderId).toList(),
                        notices::placed));
    }

    /** Payment confirmed, to the buyer; a new-order notice to each merchant with lines in the order. */
    @Bean
    EventHandler<OrderPaid> orderConfirmationMailer(Recorder recorder, OrderNotices notices) {
        return EventHandlers.of("notifications.order-paid", OrderEvents.TOPIC, OrderPaid.class,
                (event, metadata) -> recorder.forOrder(metadata, event.orderId(), null,
                        order -> notices.paid(event, order)));
    }

    /** Shipped (carrier and tracking link), delivered, cancelled (reason, and what happens to the money). */
    @Bean
    EventHandler<OrderStatusChanged> orderStatusMailer(Recorder recorder, OrderNotices notices) {
        return EventHandlers.of("notifications.order-status", OrderEvents.TOPIC, OrderStatusChanged.class,
                (event, metadata) -> recorder.forOrder(metadata, event.orderId(), event.at(),
                        order -> Mono.just(notices.statusChanged(event, order))));
    }

    /** A refund, partial or full, with its amount. */
    @Bean
    EventHandler<OrderRefunded> orderRefundMailer(Recorder recorder, OrderNotices notices) {
        return EventHandlers.of("notifications.order-refunded", OrderEvents.TOPIC, OrderRefunded.class,
                (event, metadata) -> recorder.forOrder(metadata, event.orderId(), event.at(),
                        order -> Mono.just(notices.refunded(event, order))));
    }

    /** A failed payment, with a link to pay again. */
    @Bean
    EventHandler<PaymentFailed> paymentFailedMailer(Recorder recorder, OrderNotices notices) {
        return EventHandlers.of("notifications.payment-failed", PaymentEvents.TOPIC, PaymentFailed.class,
                (event, metadata) -> recorder.forOrder(metadata, event.orderId(), event.at(),
                        order -> Mono.just(notices.paymentFailed(event, order))));
    }

    /** Low stock waits for its merchant's next digest ({@link LowStockDigests}): one email per interval, not per unit. */
    @Bean
    EventHandler<LowStock> lowStockCollector(CatalogApi catalog, LowStockQueries lowStock) {
        return EventHandlers.of("notifications.low-stock", InventoryEvents.TOPIC, LowStock.class,
                (event, metadata) -> catalog.findVariant(event.variantId())
                        .flatMap(variant -> lowStock.remember(new LowStockQueries.LowStockRow(variant.merchantId(),
                                variant.variantId(), variant.sku(), variant.productTitle()
                                        + (variant.variantTitle() == null ? "" : " (" + variant.variantTitle() + ")"),
                                event.available(), event.threshold()))));
    }

    /** Reads the order, skips events too old to tell anyone about, records the emails they call for. */
    @Component
    static class Recorder {

        private final OrdersApi orders;
        private final Notifications notifications;
        private final NotificationsProperties properties;

        Recorder(OrdersApi orders, Notifications notifications, NotificationsProperties properties) {
            this.orders = orders;
            this.notifications = notifications;
            this.properties = properties;
        }

        /** {@code at}: when the event happened; null: when the order was placed. */
        Mono<Void> forOrder(EventMetadata metadata, UUID orderId, Instant at,
                Function<OrderDetails, Mono<List<Notice>>> notices) {
            return orders.details(orderId)
                    .flatMap(order -> recent(metadata, order, at) ? notices.apply(order) : Mono.empty())
                    .map(Recorder::addressed)
                    .flatMap(list -> notifications.record(metadata, list));
        }

        /**
         * {@link #forOrder} for events that arrived together, each about the order at the same index and dated by its
         * placing: one read of their orders, one statement for their emails. An order not found fails the batch, which
         * its events then retry one by one, as that order's event alone would.
         */
        Mono<Void> forOrders(List<EventMetadata> metadata, List<UUID> orderIds,
                Function<OrderDetails, List<Notice>> notices) {
            return orders.details(new LinkedHashSet<>(orderIds)).collectMap(OrderDetails::id).flatMap(found -> {
                List<Notifications.Recording> recordings = new ArrayList<>();
                for (int i = 0; i < orderIds.size(); i++) {
                    OrderDetails order = found.get(orderIds.get(i));
                    if (order == null) {
                        return Mono.error(new IllegalStateException("Order " + orderIds.get(i) + " was not found"));
                    }
                    if (recent(metadata.get(i), order, null)) {
                        EventMetadata event = metadata.get(i);
                        addressed(notices.apply(order)).forEach(n -> recordings.add(new Notifications.Recording(event, n)));
                    }
                }
                return notifications.record(recordings);
            });
        }

        /** Whether the event ({@code at}; null: the order's placing) is recent enough to email about. */
        private boolean recent(EventMetadata metadata, OrderDetails order, Instant at) {
            Instant happened = at != null ? at : order.createdAt();
            if (happened != null && happened.isBefore(Instant.now().minus(properties.maxEventAge()))) {
                log.info("Not emailing about event {} of order {}: it happened at {}, longer ago than {}",
                        metadata.eventId(), order.number(), happened, properties.maxEventAge());
                return false;
            }
            return true;
        }

        private static List<Notice> addressed(List<Notice> notices) {
            return notices.stream().filter(notice -> notice.recipient() != null && !notice.recipient().isBlank())
                    .toList();
        }
    }
}

package dev.surge.notifications.domain;

import dev.surge.identity.IdentityApi;
import dev.surge.orders.OrderDetails;
import dev.surge.orders.OrderPaid;
import dev.surge.orders.OrderRefunded;
import dev.surge.orders.OrderStatus;
import dev.surge.orders.OrderStatusChanged;
import dev.surge.payments.PaymentFailed;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Which emails each order event calls for, from the order as it is now ({@link OrderDetails}): the buyer hears of
 * every step at the order's email (a guest's too); each merchant with lines in a paid order gets a notice of its
 * lines at its contact address (else its sellers'). Subjects are fixed text and order numbers, never user input.
 */
@Component
class OrderNotices {

    static final String RECEIVED = "order-received";
    static final String PAID = "order-paid";
    static final String SHIPPED = "order-shipped";
    static final String DELIVERED = "order-delivered";
    static final String CANCELLED = "order-cancelled";
    static final String REFUNDED = "order-refunded";
    static final String PAYMENT_FAILED = "payment-failed";
    static final String MERCHANT_NEW_ORDER = "merchant-new-order";

    private final OrderModels models;
    private final IdentityApi identity;

    OrderNotices(OrderModels models, IdentityApi identity) {
        this.models = models;
        this.identity = identity;
    }

    List<Notice> placed(OrderDetails order) {
        return List.of(buyer(order, RECEIVED, "We received your order " + order.number(), models.of(order)));
    }

    /** The buyer's confirmation, and one notice per merchant contact. */
    Mono<List<Notice>> paid(OrderPaid event, OrderDetails order) {
        Map<String, Object> model = models.of(order);
        model.put("amount", Formats.amount(event.amount()));
        Notice buyer = buyer(order, PAID, "Your order is confirmed (" + order.number() + ")", model);
        Set<UUID> merchants = new LinkedHashSet<>();
        order.lines().forEach(line -> merchants.add(line.merchantId()));
        return Flux.fromIterable(merchants)
                .concatMap(merchant -> identity.merchantContact(merchant)
                        .flatMapIterable(contact -> contact.emails().stream()
                                .map(email -> new Notice(email, MERCHANT_NEW_ORDER, "New order " + order.number(),
                                        models.forMerchant(order, merchant, contact.name()), order.id(), merchant))
                                .toList()))
                .collectList()
                .map(notices -> {
                    List<Notice> all = new ArrayList<>(notices.size() + 1);
                    all.add(buyer);
                    all.addAll(notices);
                    return all;
                });
    }

    /** Shipped, delivered and cancelled tell the buyer; the other moves have their own events, or none. */
    List<Notice> statusChanged(OrderStatusChanged event, OrderDetails order) {
        Map<String, Object> model = models.of(order);
        if (event.to() == OrderStatus.SHIPPED) {
            model.put("carrier", order.carrier());
            model.put("trackingNumber", order.trackingNumber());
            model.put("trackingLink", models.trackingLink(order.carrier(), order.trackingNumber()));
            return List.of(buyer(order, SHIPPED, "Your order " + order.number() + " has shipped", model));
        }
        if (event.to() == OrderStatus.DELIVERED) {
            return List.of(buyer(order, DELIVERED, "Your order " + order.number() + " was delivered", model));
        }
        if (event.to() == OrderStatus.CANCELLED) {
            model.put("reason", event.reason() == null ? "" : event.reason());
            boolean charged = order.paid() != null && order.paid().amountMinor() > 0;
            model.put("moneyNote", charged
                    ? "Your payment of " + Formats.amount(order.paid()) + " will be refunded to the card or account you "
                            + "paid with; we will email you when it is."
                    : "You have not been charged.");
            return List.of(buyer(order, CANCELLED, "Your order " + order.number() + " was cancelled", model));
        }
        return List.of();
    }

    List<Notice> refunded(OrderRefunded event, OrderDetails order) {
        Map<String, Object> model = models.of(order);
        model.put("refundAmount", Formats.amount(event.amount()));
        model.put("refundedTotal", Formats.amount(event.refundedTotal()));
        model.put("full", event.full());
        String subject = (event.full() ? "Your order " + order.number() + " was refunded"
                : "Part of your order " + order.number() + " was refunded") + ": " + Formats.amount(event.amount());
        return List.of(buyer(order, REFUNDED, subject, model));
    }

    /** A failed payment of an order still waiting for one: the buyer may pay again until the order expires. */
    List<Notice> paymentFailed(PaymentFailed event, OrderDetails order) {
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            return List.of(); // paid by another attempt meanwhile, or expired or cancelled
        }
        Map<String, Object> model = models.of(order);
        model.put("payAgainLink", models.payAgainLink(order.id()));
        model.put("expiresAt", Formats.when(order.expiresAt()));
        return List.of(buyer(order, PAYMENT_FAILED, "Your payment for order " + order.number() + " did not go through",
                model));
    }

    private static Notice buyer(OrderDetails order, String template, String subject, Map<String, Object> model) {
        return new Notice(order.email(), template, subject, model, order.id(), null);
    }
}

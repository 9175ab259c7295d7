package dev.surge.notifications.domain;

import dev.surge.identity.IdentityApi;
import dev.surge.notifications.config.NotificationsProperties;
import dev.surge.notifications.data.LowStockQueries;
import dev.surge.platform.events.BackgroundWork;
import dev.surge.platform.events.EventMetadata;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.persistence.LeaderLease;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Every {@code surge.notifications.low-stock.digest-interval}, on the one instance holding the lease: each merchant
 * with variants that fell below their threshold since its last digest gets one email listing them all, at its
 * contact address (else its sellers'). The variants are taken and the digest recorded in one transaction, so a
 * variant is in exactly one digest; the digest is then sent like every other notification.
 */
@Component
class LowStockDigests extends BackgroundWork {

    static final String TEMPLATE = "low-stock-digest";

    private static final Logger log = LoggerFactory.getLogger(LowStockDigests.class);

    private final LowStockQueries lowStock;
    private final IdentityApi identity;
    private final Notifications notifications;
    private final LeaderLease lease;
    private final TransactionalOperator tx;
    private final Duration interval;

    LowStockDigests(LowStockQueries lowStock, IdentityApi identity, Notifications notifications, LeaderLease lease,
            TransactionalOperator tx, NotificationsProperties properties) {
        this.lowStock = lowStock;
        this.identity = identity;
        this.notifications = notifications;
        this.lease = lease;
        this.tx = tx;
        this.interval = properties.lowStock().digestInterval();
    }

    @Override
    protected Disposable begin() {
        return every(interval, interval, () -> lease.ifLeader("notifications-low-stock-digest", interval, this::round),
                log, "Low-stock digests");
    }

    /** Records one digest per merchant waiting; emits how many merchants got one. */
    Mono<Long> round() {
        return lowStock.merchantsWaiting().concatMap(this::digest).count();
    }

    private Mono<Boolean> digest(UUID merchantId) {
        return lowStock.take(merchantId).collectList()
                .flatMap(items -> items.isEmpty() ? Mono.just(false) : identity.merchantContact(merchantId)
                        .flatMap(contact -> {
                            if (contact.emails().isEmpty()) {
                                log.warn("Low stock at merchant {} told no one: it has no contact email and no seller",
                                        merchantId);
                                return Mono.just(false);
                            }
                            Map<String, Object> model = new LinkedHashMap<>();
                            model.put("merchant", contact.name());
                            model.put("items", items.stream().map(item -> Map.<String, Object>of("sku", item.sku(),
                                    "title", item.title(), "available", Integer.toString(item.available()),
                                    "threshold", Integer.toString(item.threshold()))).toList());
                            String subject = "Low stock: " + items.size() + " variant(s) to restock";
                            List<Notice> notices = contact.emails().stream()
                                    .map(email -> new Notice(email, TEMPLATE, subject, model, null, merchantId)).toList();
                            return notifications.record(new EventMetadata(Ids.newId(), "LowStockDigest",
                                    merchantId.toString(), null), notices).thenReturn(true);
                        })
                        .defaultIfEmpty(false))
                .as(tx::transactional);
    }
}

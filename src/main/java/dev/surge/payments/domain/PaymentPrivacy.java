package dev.surge.payments.domain;

import dev.surge.orders.OrdersApi;
import dev.surge.payments.data.PaymentPrivacyQueries;
import dev.surge.platform.privacy.PersonalDataSection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * The payments' part of personal data. Export ({@code payments}): the payments and refunds of the account's orders
 * with the providers' references. Erasure needs nothing here: payments hold no name, email or address (the buyer is
 * reached through the order, which the orders module anonymises), and they stay for the books.
 */
@Configuration(proxyBeanMethods = false)
class PaymentPrivacy {

    @Bean
    PersonalDataSection paymentsSection(OrdersApi orders, PaymentPrivacyQueries queries) {
        return new PersonalDataSection() {
            @Override
            public String name() {
                return "payments";
            }

            @Override
            public Mono<Object> export(UUID accountId) {
                return orders.orderIdsOf(accountId).collectList().map(ids -> ids.toArray(UUID[]::new))
                        .flatMap(ids -> queries.payments(ids).collectList()
                                .zipWith(queries.refunds(ids).collectList(), (payments, refunds) -> {
                                    Map<String, Object> part = new LinkedHashMap<>();
                                    part.put("payments", payments);
                                    part.put("refunds", refunds);
                                    return (Object) part;
                                }));
            }
        };
    }
}

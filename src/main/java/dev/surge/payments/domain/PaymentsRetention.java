package dev.surge.payments.domain;

import dev.surge.payments.data.PaymentQueries;
import dev.surge.platform.retention.RetentionProperties;
import dev.surge.platform.retention.RetentionPurge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Payment webhook records processed longer than {@code surge.retention.payment-events} ago. A record's
 * (provider, event id) key is what makes a redelivered webhook a no-op; providers stop redelivering within days
 * (Stripe 3, Paystack 3), so the default 90 days keeps exactly-once with a wide margin. Unprocessed records (still
 * retried) stay; payments, refunds and disputes themselves are kept for the legal period.
 */
@Configuration(proxyBeanMethods = false)
class PaymentsRetention {

    @Bean
    RetentionPurge processedPaymentEvents(PaymentQueries queries, RetentionProperties retention) {
        return RetentionPurge.of("payment-events", batch ->
                queries.purgeProcessedEventsBefore(RetentionProperties.cutoff(retention.paymentEvents()), batch));
    }
}

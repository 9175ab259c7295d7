package dev.surge.payments.domain;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.surge.orders.OrdersApi;
import dev.surge.payments.config.PaymentsProperties;
import dev.surge.payments.data.DisputeQueries;
import dev.surge.payments.data.PaymentQueries;
import dev.surge.payments.data.PaymentQueries.StoredEvent;
import dev.surge.payments.data.PaymentRow;
import dev.surge.payments.gateway.PaymentEvent;
import dev.surge.payments.gateway.PaymentGateway;
import dev.surge.payments.gateway.PaymentGateways;
import dev.surge.platform.persistence.Money;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * What a Paystack-like gateway's {@code confirm} says is what gets applied: a webhook claiming a success that
 * the provider's API does not confirm grants nothing, and a confirmed one pays the amount the API reports.
 */
class PaymentEventProcessorTests {

    private final UUID paymentId = UUID.randomUUID();
    private final UUID orderId = UUID.randomUUID();
    private final PaymentEvent claimed = new PaymentEvent("paystack", "charge.success:42",
            PaymentEvent.Type.PAYMENT_SUCCEEDED, "charge.success", "ref-42", null, null, Money.of(500000, "NGN"),
            Instant.now());

    private PaymentQueries payments;
    private OrdersApi orders;
    private PaymentGateway paystack;
    private PaymentEventProcessor processor;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() {
        payments = mock(PaymentQueries.class);
        orders = mock(OrdersApi.class);
        paystack = mock(PaymentGateway.class);
        when(paystack.provider()).thenReturn("paystack");
        TransactionalOperator tx = mock(TransactionalOperator.class);
        when(tx.transactional(any(Mono.class))).thenAnswer(call -> call.getArgument(0));
        PaymentsProperties properties = new PaymentsProperties(null, null, null, null,
                new PaymentsProperties.Processing(Duration.ofSeconds(10), 100, Duration.ofMinutes(10), 28, 4, 2), null, null, null);
        processor = new PaymentEventProcessor(payments, new PaymentGateways(List.of(paystack),
                new PaymentsProperties.Routing("paystack", Map.of())),
                new PaymentEventRules(payments, mock(DisputeQueries.class), orders,
                        mock(dev.surge.platform.events.Outbox.class)), tx,
                new PaymentMetrics(new SimpleMeterRegistry()), properties);

        StoredEvent stored = new StoredEvent(claimed, 0);
        when(payments.unprocessed("paystack", claimed.eventId())).thenReturn(Mono.just(stored));
        when(payments.lockUnprocessed("paystack", claimed.eventId())).thenReturn(Mono.just(stored));
        when(payments.idByProviderReference("paystack", "ref-42")).thenReturn(Mono.just(paymentId));
        when(payments.lock(paymentId)).thenReturn(Mono.just(new PaymentRow(paymentId, orderId, "paystack", "ref-42",
                "INITIALIZED", Money.of(500000, "NGN"), null, Money.of(0, "NGN"), null, null, null, null, Instant.now(),
                Instant.now())));
        when(payments.processed(any(), any(), any(), any())).thenReturn(Mono.empty());
        when(payments.failed(any(), any(), any(), anyLong())).thenReturn(Mono.empty());
        when(payments.update(any(), any(), any(), any(), anyLong(), any())).thenReturn(Mono.empty());
    }

    @Test
    void aSuccessTheProviderDoesNotConfirmGrantsNothing() {
        when(paystack.confirm(claimed)).thenReturn(Mono.just(claimed.confirmedAs(PaymentEvent.Type.OTHER, null)));
        StepVerifier.create(processor.apply("paystack", claimed.eventId())).verifyComplete();
        verify(orders, never()).markPaid(any(), any(), any());
        verify(payments).processed("paystack", claimed.eventId(), paymentId, "ignored");
    }

    @Test
    void aConfirmedSuccessPaysTheAmountTheProviderReports() {
        Money confirmed = Money.of(400000, "NGN");
        when(paystack.confirm(claimed)).thenReturn(Mono.just(claimed.confirmedAs(PaymentEvent.Type.PAYMENT_SUCCEEDED,
                confirmed)));
        when(orders.markPaid(orderId, confirmed, paymentId.toString()))
                .thenReturn(Mono.just(OrdersApi.PaymentOutcome.AMOUNT_MISMATCH));
        StepVerifier.create(processor.apply("paystack", claimed.eventId())).verifyComplete();
        // what the provider took is recorded with the flag
        verify(payments).update(eq(paymentId), eq("FLAGGED"), eq("amount_mismatch"), eq("AMOUNT_MISMATCH"), eq(0L),
                eq(confirmed));
        verify(payments).processed("paystack", claimed.eventId(), paymentId, "amount_mismatch");
    }

    @Test
    void whenConfirmingFailsTheEventStaysStoredForARetry() {
        when(paystack.confirm(claimed)).thenReturn(Mono.error(new IllegalStateException("verify API down")));
        StepVerifier.create(processor.apply("paystack", claimed.eventId())).verifyComplete();
        verify(orders, never()).markPaid(any(), any(), any());
        verify(payments).failed(eq("paystack"), eq(claimed.eventId()), any(), anyLong());
        verify(payments, never()).processed(any(), any(), any(), any());
    }
}

package dev.surge.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * What a Paystack-like gateway's {@code confirm} says is what gets applied: a webhook claiming a success that
 * the provider's API does not confirm grants nothing, and a confirmed one pays the amount the API reports.
 * <p>
 * A burst of deliveries beyond the inline slots (one here): the delivery that finds none free is answered once its
 * event is stored (due at once, not applied by it) and wakes the retry job; once a slot is free again, deliveries
 * wait for their event to be applied, as before.
 */
class PaymentEventProcessorTests {

    private final UUID paymentId = UUID.randomUUID();
    private final UUID orderId = UUID.randomUUID();
    private final HttpHeaders headers = new HttpHeaders();
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
                new PaymentsProperties.Processing(Duration.ofSeconds(10), 100, Duration.ofMinutes(10), 28, 1, 2), null, null, null);
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
        when(payments.recordEvent(any(), anyBoolean())).thenReturn(Mono.just(true));
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

    private PaymentEvent delivered(String id) {
        // OTHER needs no confirmation: applied as "ignored" under the event's and the payment's locks
        PaymentEvent event = new PaymentEvent("paystack", id, PaymentEvent.Type.OTHER, "charge.other", "ref-42", null, null,
                null, Instant.now());
        byte[] body = id.getBytes();
        when(paystack.parseWebhook(headers, body)).thenReturn(Mono.just(event));
        return event;
    }

    @Test
    void aDeliveryBeyondTheInlineSlotsIsAnsweredOnceStoredAndLeftToTheRetryJob() {
        List<Boolean> nudges = new CopyOnWriteArrayList<>();
        Disposable listening = processor.backlog().subscribe(nudges::add);

        PaymentEvent first = delivered("evt_first");
        Sinks.One<PaymentQueries.StoredEvent> firstLocked = Sinks.one();
        when(payments.lockUnprocessed("paystack", "evt_first")).thenReturn(firstLocked.asMono());
        List<Boolean> firstAnswer = new CopyOnWriteArrayList<>();
        Disposable firstDelivery = processor.receive("paystack", headers, "evt_first".getBytes())
                .subscribe(firstAnswer::add);
        // the first delivery holds the only slot while its event is being applied
        verify(payments).recordEvent(first, true);
        assertThat(firstAnswer).isEmpty();

        PaymentEvent second = delivered("evt_second");
        StepVerifier.create(processor.receive("paystack", headers, "evt_second".getBytes()))
                .expectNext(true).verifyComplete();
        verify(payments).recordEvent(second, false);
        verify(payments, never()).lockUnprocessed("paystack", "evt_second");
        assertThat(nudges).containsExactly(true);

        firstLocked.tryEmitValue(new PaymentQueries.StoredEvent(first, 0));
        assertThat(firstAnswer).containsExactly(true);
        verify(payments).processed("paystack", "evt_first", paymentId, "ignored");

        // the slot is free again: the next delivery waits for its event to be applied
        deliveredAndAppliedInline("evt_third");
        verify(payments).processed("paystack", "evt_third", paymentId, "ignored");
        assertThat(nudges).containsExactly(true);
        firstDelivery.dispose();
        listening.dispose();
    }

    @Test
    void aSlotIsGivenBackWhenTheDeliveryFailsOrIsCancelled() {
        PaymentEvent failing = delivered("evt_failing");
        when(payments.recordEvent(failing, true)).thenReturn(Mono.error(new IllegalStateException("database down")));
        StepVerifier.create(processor.receive("paystack", headers, "evt_failing".getBytes()))
                .expectError(IllegalStateException.class).verify();

        delivered("evt_hanging");
        when(payments.lockUnprocessed("paystack", "evt_hanging")).thenReturn(Mono.never());
        processor.receive("paystack", headers, "evt_hanging".getBytes()).subscribe().dispose();

        deliveredAndAppliedInline("evt_next");
    }

    /** A delivery that finds a slot free: its event is stored to be applied now and applied before the answer. */
    private void deliveredAndAppliedInline(String eventId) {
        PaymentEvent event = delivered(eventId);
        when(payments.lockUnprocessed("paystack", eventId))
                .thenReturn(Mono.just(new PaymentQueries.StoredEvent(event, 0)));
        StepVerifier.create(processor.receive("paystack", headers, eventId.getBytes()))
                .expectNext(true).verifyComplete();
        verify(payments).recordEvent(event, true);
    }
}

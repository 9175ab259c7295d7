package dev.surge.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.surge.notifications.config.NotificationsProperties;
import dev.surge.notifications.data.NotificationQueries;
import dev.surge.notifications.data.NotificationQueries.DueRow;
import dev.surge.notifications.mail.Email;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** What the dispatcher does with a send: SENT, tried again later with a growing wait, or FAILED at the last try. */
class NotificationDispatcherTests {

    private static final String MODEL = "{\"name\":\"Ada\",\"device\":\"curl\",\"ipAddress\":\"10.0.0.1\","
            + "\"signedInAt\":\"now\"}";

    private final NotificationsProperties properties = TestProperties.of("Surge <no-reply@shop.example>",
            "https://shop.example", 1);
    private final NotificationQueries queries = mock(NotificationQueries.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Email> sent = new ArrayList<>();
    private boolean smtpDown;
    private final NotificationDispatcher dispatcher = new NotificationDispatcher(queries,
            new DueEmails(new EmailRenderer(properties), JsonMapper.builder().build(),
                    orderId -> Mono.just(new dev.surge.invoicing.InvoicingApi.InvoicePdf("INV-000042", "INV-000042.pdf",
                            new byte[] {'%', 'P', 'D', 'F'}))),
            email -> smtpDown ? Mono.error(new IllegalStateException("SMTP down")) : Mono.fromRunnable(() -> sent.add(email)),
            meters, properties);

    @Test
    void aSentEmailIsMarkedSent() {
        DueRow row = row(1);
        when(queries.claim(anyInt(), any())).thenReturn(Flux.just(row));
        when(queries.sent(row.id())).thenReturn(Mono.empty());

        assertThat(dispatcher.round().block()).isEqualTo(1);

        assertThat(sent).singleElement().satisfies(email -> {
            assertThat(email.to()).isEqualTo("ada@example.com");
            assertThat(email.text()).contains("Hi Ada,").contains("Kettle & Co");
            assertThat(email.attachments()).isEmpty(); // only the paid order's email carries the invoice
        });
        verify(queries).sent(row.id());
        assertThat(meters.counter("surge.notifications.sent", "template", "new-device", "outcome", "sent").count())
                .isEqualTo(1);
    }

    @Test
    void aFailedSendIsTriedAgainLaterUntilTheLastAttemptThenFailed() {
        smtpDown = true;
        DueRow early = row(2);
        DueRow last = row(properties.delivery().maxAttempts());
        when(queries.claim(anyInt(), any())).thenReturn(Flux.just(early, last));
        when(queries.attemptFailed(any(), any(), any())).thenReturn(Mono.empty());
        when(queries.attemptFailed(any(), any(), isNull())).thenReturn(Mono.empty());

        dispatcher.round().block();

        verify(queries).attemptFailed(eq(early.id()), any(), eq(Duration.ofSeconds(60)));
        verify(queries).attemptFailed(eq(last.id()), any(), isNull());
        verify(queries, never()).sent(any());
        assertThat(meters.counter("surge.notifications.sent", "template", "new-device", "outcome", "failed").count())
                .isEqualTo(1);
    }

    @Test
    void emailsSentTogetherAreMarkedSentInOneStatement() {
        List<DueRow> rows = List.of(row(1), row(1), row(1));
        when(queries.claim(anyInt(), any())).thenReturn(Flux.fromIterable(rows));
        when(queries.sentAll(any())).thenReturn(Mono.empty());

        assertThat(dispatcher.round().block()).isEqualTo(3);

        assertThat(sent).hasSize(3);
        verify(queries).sentAll(org.mockito.ArgumentMatchers.argThat(ids -> ids.size() == 3
                && ids.containsAll(rows.stream().map(DueRow::id).toList())));
        verify(queries, never()).sent(any());
        assertThat(meters.counter("surge.notifications.sent", "template", "new-device", "outcome", "sent").count())
                .isEqualTo(3);
    }

    @Test
    void emailsWhoseSentMarkFailedAreTriedAgainLater() {
        List<DueRow> rows = List.of(row(1), row(1));
        when(queries.claim(anyInt(), any())).thenReturn(Flux.fromIterable(rows));
        when(queries.sentAll(any())).thenReturn(Mono.error(new IllegalStateException("database gone")));
        when(queries.attemptFailed(any(), any(), any())).thenReturn(Mono.empty());

        assertThat(dispatcher.round().block()).isEqualTo(2);

        rows.forEach(row -> verify(queries).attemptFailed(eq(row.id()), any(), eq(Duration.ofSeconds(30))));
        assertThat(meters.counter("surge.notifications.sent", "template", "new-device", "outcome", "retry").count())
                .isEqualTo(2);
    }

    @Test
    void theWaitDoublesUpToTheMaximum() {
        assertThat(dispatcher.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(dispatcher.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(dispatcher.backoff(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(dispatcher.backoff(20)).isEqualTo(Duration.ofHours(1));
    }

    private static DueRow row(int attempts) {
        return new DueRow(UUID.randomUUID(), "new-device", "ada@example.com", "New sign-in", MODEL, attempts, null);
    }
}

package dev.surge.notifications;

import static dev.surge.notifications.Shop.html;
import static dev.surge.notifications.Shop.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.identity.EmailVerificationRequested;
import dev.surge.identity.IdentityEvents;
import dev.surge.identity.NewDeviceSignedIn;
import dev.surge.identity.PasswordResetRequested;
import dev.surge.identity.TwoFactorChanged;
import dev.surge.platform.events.DomainEvent;
import dev.surge.platform.events.EventTransport;
import dev.surge.platform.events.EventTransport.OutboundMessage;
import dev.surge.platform.events.Outbox;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestMailServer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Identity events through the real path (outbox, relay, embedded Kafka, consumer base, handler) to a real
 * SMTP server. Each test writes to its own addresses, so tests never see each other's emails.
 */
class NotificationsIntegrationTests extends IntegrationTest {

    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    DatabaseClient db;
    @Autowired
    EventTransport transport;
    @Autowired
    JsonMapper json;
    @Autowired
    MeterRegistry meters;

    @Test
    void verificationEmailLinksToTheEncodedToken() throws Exception {
        String to = address("verify");
        String token = "a+b/c=d&e f-" + UUID.randomUUID();
        commit(new EmailVerificationRequested(UUID.randomUUID(), to, "Ada", token, inAnHour()));

        MimeMessage email = awaitOne(to);

        String link = "http://localhost:3000/verify-email?token=a%2Bb%2Fc%3Dd%26e%20f-" + token.substring(12);
        assertThat(email.getSubject()).isEqualTo("Confirm your email address");
        assertThat(Arrays.stream(email.getFrom()).map(Address::toString)).containsExactly("Surge <no-reply@localhost>");
        assertThat(text(email)).contains("Hi Ada,").contains(link);
        assertThat(html(email)).contains("href=\"" + link + "\"");
    }

    @Test
    void passwordResetEmailLinksToTheEncodedToken() throws Exception {
        String to = address("reset");
        String token = "reset/" + UUID.randomUUID();
        commit(new PasswordResetRequested(UUID.randomUUID(), to, "Ada", token, inAnHour()));

        MimeMessage email = awaitOne(to);

        assertThat(email.getSubject()).isEqualTo("Reset your password");
        assertThat(text(email)).contains("http://localhost:3000/reset-password?token=reset%2F" + token.substring(6));
    }

    @Test
    void newDeviceEmailShowsUserInputAsText() throws Exception {
        String to = address("device");
        commit(new NewDeviceSignedIn(UUID.randomUUID(), to, "<script>alert(1)</script>",
                "Mozilla/5.0 <img src=x onerror=alert(2)>", "203.0.113.7", Instant.now()));

        MimeMessage email = awaitOne(to);

        assertThat(email.getSubject()).isEqualTo("New sign-in to your account");
        assertThat(html(email)).contains("Hi &lt;script&gt;alert(1)&lt;/script&gt;,")
                .contains("Mozilla/5.0 &lt;img src=x onerror=alert(2)&gt;")
                .doesNotContain("<script>").doesNotContain("<img");
        assertThat(text(email)).contains("Hi <script>alert(1)</script>,").contains("203.0.113.7");
    }

    @Test
    void twoFactorEmailsSayWhichWayItWent() throws Exception {
        UUID user = UUID.randomUUID();
        String enabledTo = address("2fa-on");
        String disabledTo = address("2fa-off");
        commit(new TwoFactorChanged(user, enabledTo, "Ada", true, Instant.now()));
        commit(new TwoFactorChanged(user, disabledTo, "Ada", false, Instant.now()));

        assertThat(awaitOne(enabledTo).getSubject()).isEqualTo("Two-factor authentication is on");
        assertThat(awaitOne(disabledTo).getSubject()).isEqualTo("Two-factor authentication is off");
    }

    @Test
    void theSameEventDeliveredTwiceSendsOneEmail() throws Exception {
        UUID user = UUID.randomUUID();
        String to = address("twice");
        EmailVerificationRequested event = new EmailVerificationRequested(user, to, "Ada", "once", inAnHour());
        commit(event);
        awaitOne(to);
        double duplicatesBefore = duplicates("notifications.email-verification");

        UUID eventId = db.sql("SELECT id FROM outbox_events WHERE event_key = :key AND event_type = :type")
                .bind("key", event.key()).bind("type", event.type())
                .map(row -> row.get("id", UUID.class)).one().block();
        Map<UUID, EventTransport.SendFailure> failures = transport.publish(List.of(new OutboundMessage(eventId,
                IdentityEvents.TOPIC, event.key(), event.type(), json.writeValueAsBytes(event), Map.of())))
                .block(Duration.ofSeconds(10));
        assertThat(failures).isEmpty();
        // Same key, same handler, so the same partition: once the fence's email is out, the redelivery was handled.
        String fence = address("fence");
        commit(new EmailVerificationRequested(user, fence, "Ada", "fence", inAnHour()));
        awaitOne(fence);

        assertThat(received(to)).hasSize(1);
        assertThat(duplicates("notifications.email-verification")).as("the redelivery reached the consumer")
                .isEqualTo(duplicatesBefore + 1);
        assertThat(db.sql("SELECT count(*) AS n FROM processed_events WHERE handler = :h AND event_id = :id")
                .bind("h", "notifications.email-verification").bind("id", eventId)
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1L);
    }

    @Test
    void anExpiredLinkIsNotSent() throws Exception {
        UUID user = UUID.randomUUID();
        String expired = address("expired");
        commit(new PasswordResetRequested(user, expired, "Ada", "old", Instant.now().minus(1, ChronoUnit.MINUTES)));
        String fence = address("fence");
        commit(new PasswordResetRequested(user, fence, "Ada", "new", inAnHour()));

        awaitOne(fence);

        assertThat(received(expired)).isEmpty();
    }

    private double duplicates(String handler) {
        var counter = meters.find("surge.events.consumed").tags("handler", handler, "outcome", "duplicate").counter();
        return counter == null ? 0 : counter.count();
    }

    /** Appends the event in a transaction of its own, as a business change in identity would. */
    private void commit(DomainEvent event) {
        outbox.append(event).as(tx::transactional).block(Duration.ofSeconds(10));
    }

    private static MimeMessage awaitOne(String to) {
        await().atMost(DELIVERY).until(() -> !received(to).isEmpty());
        return received(to).get(0);
    }

    private static List<MimeMessage> received(String to) {
        return Arrays.stream(TestMailServer.server().getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                                .anyMatch(address -> address.toString().equals(to));
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static String address(String purpose) {
        return purpose + "-" + UUID.randomUUID() + "@example.com";
    }

    private static Instant inAnHour() {
        return Instant.now().plus(1, ChronoUnit.HOURS);
    }
}

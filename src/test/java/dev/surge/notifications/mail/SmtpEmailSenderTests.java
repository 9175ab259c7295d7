package dev.surge.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class SmtpEmailSenderTests {

    /** Records what would have gone over SMTP, and on which thread. */
    static final class RecordingMailSender extends JavaMailSenderImpl {

        final List<MimeMessage> sent = new ArrayList<>();
        final List<String> threads = new ArrayList<>();

        @Override
        public void send(MimeMessage... messages) {
            threads.add(Thread.currentThread().getName());
            sent.addAll(List.of(messages));
        }
    }

    private final RecordingMailSender mail = new RecordingMailSender();
    private final SmtpEmailSender sender = new SmtpEmailSender(mail, "Surge <no-reply@shop.example>", 2);

    @Test
    void sendsOnItsOwnThreadsEvenWhenCalledFromANonBlockingOne() throws Exception {
        Email email = new Email("ada@example.com", "Hello", "plain", "<p>html</p>", null);

        StepVerifier.create(Mono.defer(() -> sender.send(email)).subscribeOn(Schedulers.parallel()))
                .verifyComplete();

        assertThat(mail.threads).singleElement().asString().startsWith("surge-mail");
        MimeMessage sent = mail.sent.get(0);
        assertThat(sent.getSubject()).isEqualTo("Hello");
        assertThat(sent.getFrom()[0].toString()).isEqualTo("Surge <no-reply@shop.example>");
        assertThat(sent.getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
        sender.destroy();
    }

    @Test
    void refusesWorkOnceDisposed() {
        sender.destroy();

        StepVerifier.create(sender.send(new Email("ada@example.com", "Hello", "plain", "<p>html</p>", null)))
                .expectError(RejectedExecutionException.class)
                .verify(Duration.ofSeconds(5));
    }
}

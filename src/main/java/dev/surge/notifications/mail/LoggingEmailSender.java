package dev.surge.notifications.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The local run's sender: no SMTP server is configured, so each email is written to the log (recipient,
 * subject, link). The log's redaction layer replaces the recipient and the link's token; a developer reads the
 * token from the outbox event ({@code outbox_events.payload->>'token'}). It never sends anything; production sets an SMTP host.
 */
public class LoggingEmailSender implements EmailSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingEmailSender.class);

    public LoggingEmailSender() {
        log.warn("No SMTP host configured (spring.mail.host / SURGE_SMTP_HOST): emails are logged, not sent, "
                + "with recipient and token redacted. Set an SMTP host outside a developer machine.");
    }

    @Override
    public Mono<Void> send(Email email) {
        return Mono.fromRunnable(() -> log.info("Email not sent (log-only mode): to={} subject=\"{}\" link={} attachments={}",
                email.to(), email.subject(), email.link() == null ? "none" : email.link(),
                email.attachments().stream().map(Email.Attachment::fileName).toList()));
    }
}

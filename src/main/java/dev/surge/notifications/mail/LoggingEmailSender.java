package dev.surge.notifications.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The local run's sender: no SMTP server is configured, so each email is written to the log (recipient,
 * subject, link, then its text part, indented, as the recipient would read it). The log's redaction layer replaces
 * addresses and the links' tokens in those lines; to click a link, run a mail catcher on localhost:1025 (the local
 * run sends there when one listens) or read the token from the outbox event ({@code outbox_events.payload->>'token'}).
 * It never sends anything; production sets an SMTP host.
 */
public class LoggingEmailSender implements EmailSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingEmailSender.class);

    public LoggingEmailSender() {
        log.warn("No SMTP host configured (spring.mail.host / SURGE_SMTP_HOST): emails are logged, not sent, "
                + "with recipient and token redacted. Set an SMTP host outside a developer machine.");
    }

    @Override
    public Mono<Void> send(Email email) {
        return Mono.fromRunnable(() -> log.info("Email not sent (log-only mode): to={} subject=\"{}\" link={} attachments={}{}",
                email.to(), email.subject(), email.link() == null ? "none" : email.link(),
                email.attachments().stream().map(Email.Attachment::fileName).toList(), indented(email.text())));
    }

    /** The text part under the summary line, each line indented, so the email reads as one block in the log. */
    static String indented(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        return "\n    | " + String.join("\n    | ", text.strip().split("\r?\n"));
    }
}

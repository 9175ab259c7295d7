package dev.surge.notifications.mail;

import reactor.core.publisher.Mono;

/**
 * Delivers a rendered email. A failure is signalled as an error, so the event handler's transaction rolls
 * back and the consumer base retries the event. Which implementation runs is decided by configuration:
 * {@link SmtpEmailSender} when {@code spring.mail.host} is set, {@link LoggingEmailSender} otherwise.
 */
public interface EmailSender {

    Mono<Void> send(Email email);
}

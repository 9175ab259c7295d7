package dev.surge.notifications.mail;

/**
 * One rendered email to one recipient.
 *
 * @param link the email's action link (verification, reset), or {@code null}; kept apart from the body
 *             so that the log-only sender can print something a developer can click
 */
public record Email(String to, String subject, String text, String html, String link) {
}

package dev.surge.notifications.mail;

import java.util.List;

/**
 * One rendered email to one recipient.
 *
 * @param link        the email's action link (verification, reset), or {@code null}; kept apart from the body
 *                    so that the log-only sender can print something a developer can click
 * @param attachments files sent with it (the invoice with the paid order's email), often none
 */
public record Email(String to, String subject, String text, String html, String link, List<Attachment> attachments) {

    public Email(String to, String subject, String text, String html, String link) {
        this(to, subject, text, html, link, List.of());
    }

    public Email {
        attachments = List.copyOf(attachments);
    }

    /** This email with {@code attachment} added. */
    public Email with(Attachment attachment) {
        List<Attachment> all = new java.util.ArrayList<>(attachments);
        all.add(attachment);
        return new Email(to, subject, text, html, link, all);
    }

    /** A file sent with an email. */
    public record Attachment(String fileName, String contentType, byte[] content) {
    }
}

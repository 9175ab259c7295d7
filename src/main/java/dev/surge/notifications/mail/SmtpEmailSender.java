package dev.surge.notifications.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Sends over SMTP with Spring's {@link JavaMailSender}. JavaMail blocks for the whole SMTP conversation, so
 * every send runs on a dedicated bounded scheduler ({@code surge-mail} threads), never on the thread that
 * delivered the event; the scheduler is disposed with the application context.
 */
public class SmtpEmailSender implements EmailSender, DisposableBean {

    /** Sends waiting for a free thread; handlers send one at a time each, so this is never reached in practice. */
    private static final int MAX_QUEUED_SENDS = 1_000;

    private final JavaMailSender mailSender;
    private final String from;
    private final Scheduler scheduler;

    public SmtpEmailSender(JavaMailSender mailSender, String from, int threads) {
        this.mailSender = mailSender;
        this.from = from;
        this.scheduler = Schedulers.newBoundedElastic(threads, MAX_QUEUED_SENDS, "surge-mail");
    }

    @Override
    public Mono<Void> send(Email email) {
        return Mono.fromRunnable(() -> mailSender.send(mimeMessage(email))).subscribeOn(scheduler).then();
    }

    private MimeMessage mimeMessage(Email email) {
        MimeMessage message = mailSender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(email.to());
            helper.setSubject(email.subject());
            helper.setText(email.text(), email.html());
            for (Email.Attachment attachment : email.attachments()) {
                helper.addAttachment(attachment.fileName(),
                        new org.springframework.core.io.ByteArrayResource(attachment.content()), attachment.contentType());
            }
        } catch (MessagingException e) {
            throw new org.springframework.mail.MailPreparationException(e);
        }
        return message;
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}

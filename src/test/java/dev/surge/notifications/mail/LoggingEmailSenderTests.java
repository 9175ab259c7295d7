package dev.surge.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import reactor.test.StepVerifier;

@ExtendWith(OutputCaptureExtension.class)
class LoggingEmailSenderTests {

    @Test
    void logsRecipientSubjectAndLinkInsteadOfSending(CapturedOutput output) {
        StepVerifier.create(new LoggingEmailSender().send(new Email("ada@example.com", "Reset your password",
                "text", "<p>html</p>", "http://localhost:3000/reset-password?token=abc"))).verifyComplete();

        // The address and the token itself are redacted once Spring's logging setup is in place (RedactingEncoder).
        assertThat(output).contains("Email not sent").contains("Reset your password")
                .contains("http://localhost:3000/reset-password?token=");
    }

    /** The local run's reader sees the email itself, not only its subject. */
    @Test
    void logsTheTextPartIndentedUnderTheSummary(CapturedOutput output) {
        StepVerifier.create(new LoggingEmailSender().send(new Email("ada@example.com", "Your order has shipped",
                "Hello Ada,\r\n\nIt is on its way: UPS 1Z999.\n", "<p>html</p>", null))).verifyComplete();

        // (The console may be JSON lines, which escape the line breaks: the shape is checked on indented itself.)
        assertThat(output).contains("link=none").contains("| Hello Ada,").contains("| It is on its way: UPS 1Z999.");
        assertThat(LoggingEmailSender.indented("Hello Ada,\r\n\nIt is on its way.\n"))
                .isEqualTo("\n    | Hello Ada,\n    | \n    | It is on its way.");
        assertThat(LoggingEmailSender.indented(null)).isEmpty();
        assertThat(LoggingEmailSender.indented("  ")).isEmpty();
    }
}

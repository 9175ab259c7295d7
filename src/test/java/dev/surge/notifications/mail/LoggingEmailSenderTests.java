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
}

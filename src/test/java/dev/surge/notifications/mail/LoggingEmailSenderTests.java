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

        assertThat(output).contains("ada@example.com").contains("Reset your password")
                .contains("http://localhost:3000/reset-password?token=abc");
    }
}

package dev.surge.notifications.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.notifications.mail.EmailSender;
import dev.surge.notifications.mail.LoggingEmailSender;
import dev.surge.notifications.mail.SmtpEmailSender;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The sender follows spring.mail.host: set means SMTP; empty (how the yml leaves it locally) or absent means the log. */
class NotificationsConfigTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NotificationsProperties.class)
    @Import(NotificationsConfig.class)
    static class Notifications {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
            .withUserConfiguration(Notifications.class);

    @Test
    void smtpWhenAHostIsSet() {
        context.withPropertyValues("spring.mail.host=smtp.example.com").run(app ->
                assertThat(app).getBean(EmailSender.class).isInstanceOf(SmtpEmailSender.class));
    }

    @Test
    void theLogWhenTheHostIsEmpty() {
        context.withPropertyValues("spring.mail.host=").run(app ->
                assertThat(app).getBean(EmailSender.class).isInstanceOf(LoggingEmailSender.class));
    }

    @Test
    void theLogWhenNoMailIsConfiguredAtAll() {
        context.run(app -> assertThat(app).getBean(EmailSender.class).isInstanceOf(LoggingEmailSender.class));
    }
}

package dev.surge.notifications.config;

import dev.surge.notifications.mail.EmailSender;
import dev.surge.notifications.mail.LoggingEmailSender;
import dev.surge.notifications.mail.SmtpEmailSender;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.util.StringUtils;

/**
 * Chooses how emails leave: over SMTP when {@code spring.mail.host} has a value, else to the log. The
 * check is on a non-blank value on purpose: {@code application.yml} maps the host to
 * {@code ${SURGE_SMTP_HOST:}}, which is present but empty in the local run (and Boot still creates a
 * {@code JavaMailSender} for an empty host, so its presence says nothing).
 */
@Configuration(proxyBeanMethods = false)
class NotificationsConfig {

    @Bean
    @Conditional(SmtpHostSet.class)
    EmailSender smtpEmailSender(JavaMailSender mailSender, NotificationsProperties properties) {
        return new SmtpEmailSender(mailSender, properties.from(), properties.senderThreads());
    }

    @Bean
    @Conditional(SmtpHostNotSet.class)
    EmailSender loggingEmailSender() {
        return new LoggingEmailSender();
    }

    static final class SmtpHostSet implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("spring.mail.host"));
        }
    }

    static final class SmtpHostNotSet implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new SmtpHostSet().matches(context, metadata);
        }
    }
}

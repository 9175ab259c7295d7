package dev.surge.notifications.domain;

import dev.surge.notifications.data.NotificationQueries;
import dev.surge.platform.retention.RetentionProperties;
import dev.surge.platform.retention.RetentionPurge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Email records (recipient, subject, template data) sent or given up on longer than
 * {@code surge.retention.notifications} ago; pending ones are still being delivered and stay.
 */
@Configuration(proxyBeanMethods = false)
class NotificationsRetention {

    @Bean
    RetentionPurge settledNotifications(NotificationQueries queries, RetentionProperties retention) {
        return RetentionPurge.of("notifications", batch ->
                queries.purgeSettledBefore(RetentionProperties.cutoff(retention.notifications()), batch));
    }
}

package dev.surge.identity.domain;

import dev.surge.identity.data.ExpiredCredentials;
import dev.surge.platform.retention.RetentionProperties;
import dev.surge.platform.retention.RetentionPurge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Identity's records past retention: ended sessions with their refresh tokens and expired refresh tokens
 * ({@code surge.retention.sessions}), used or expired reset and verification tokens
 * ({@code surge.retention.account-tokens}). Accounts themselves are kept until erased.
 */
@Configuration(proxyBeanMethods = false)
class IdentityRetention {

    @Bean
    RetentionPurge endedSessions(ExpiredCredentials credentials, RetentionProperties retention) {
        return RetentionPurge.of("sessions", batch ->
                credentials.deleteEndedSessions(RetentionProperties.cutoff(retention.sessions()), batch));
    }

    @Bean
    RetentionPurge expiredRefreshTokens(ExpiredCredentials credentials, RetentionProperties retention) {
        return RetentionPurge.of("refresh-tokens", batch ->
                credentials.deleteExpiredRefreshTokens(RetentionProperties.cutoff(retention.sessions()), batch));
    }

    @Bean
    RetentionPurge spentAccountTokens(ExpiredCredentials credentials, RetentionProperties retention) {
        return RetentionPurge.of("account-tokens", batch ->
                credentials.deleteSpentAccountTokens(RetentionProperties.cutoff(retention.accountTokens()), batch));
    }
}

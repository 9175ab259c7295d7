package dev.surge.identity.web;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The account API under {@code /api/v1/auth}, and the back office of accounts and merchants. */
@Configuration(proxyBeanMethods = false)
class IdentityRouter {

    @Bean
    RouterFunction<ServerResponse> identityRoutes(AccountHandler accounts, SignInHandler signIn,
            TwoFactorHandler twoFactor, PasswordHandler passwords) {
        return SpringdocRouteBuilder.route()
                .POST("/api/v1/auth/register", accounts::register, IdentityApiDocs::register)
                .POST("/api/v1/auth/login", signIn::login, IdentityApiDocs::login)
                .POST("/api/v1/auth/login/2fa", signIn::loginSecondStep, IdentityApiDocs::loginSecondStep)
                .POST("/api/v1/auth/2fa/setup", twoFactor::setupTwoFactor, IdentityApiDocs::setupTwoFactor)
                .POST("/api/v1/auth/2fa/enable", twoFactor::enableTwoFactor, IdentityApiDocs::enableTwoFactor)
                .POST("/api/v1/auth/2fa/disable", twoFactor::disableTwoFactor, IdentityApiDocs::disableTwoFactor)
                .POST("/api/v1/auth/refresh", signIn::refresh, IdentityApiDocs::refresh)
                .POST("/api/v1/auth/logout", signIn::logout, IdentityApiDocs::logout)
                .POST("/api/v1/auth/logout-all", signIn::logoutEverywhere, IdentityApiDocs::logoutEverywhere)
                .GET("/api/v1/auth/me", accounts::me, IdentityApiDocs::me)
                .PATCH("/api/v1/auth/me", accounts::updateMe, IdentityApiDocs::updateMe)
                .POST("/api/v1/auth/password", passwords::changePassword, IdentityApiDocs::changePassword)
                .POST("/api/v1/auth/password/forgot", passwords::forgotPassword, IdentityApiDocs::forgotPassword)
                .POST("/api/v1/auth/password/reset", passwords::resetPassword, IdentityApiDocs::resetPassword)
                .POST("/api/v1/auth/email/verify", accounts::verifyEmail, IdentityApiDocs::verifyEmail)
                .POST("/api/v1/auth/email/verify/resend", accounts::resendVerification, IdentityApiDocs::resendVerification)
                .GET("/api/v1/auth/sessions", signIn::sessions, IdentityApiDocs::sessions)
                .DELETE("/api/v1/auth/sessions/{sessionId}", signIn::revokeSession, IdentityApiDocs::revokeSession)
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> adminIdentityRoutes(AdminHandler h) {
        return SpringdocRouteBuilder.route()
                .POST("/api/v1/admin/merchants", h::createMerchant, IdentityApiDocs::createMerchant)
                .POST("/api/v1/admin/users", h::createAccount, IdentityApiDocs::createAccount)
                .GET("/api/v1/admin/users", h::users, IdentityApiDocs::users)
                .PATCH("/api/v1/admin/users/{userId}", h::updateAccount, IdentityApiDocs::updateAccount)
                .GET("/api/v1/merchants/{merchantId}/team", h::team, IdentityApiDocs::team)
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> merchantAdminRoutes(MerchantAdminHandler h) {
        return SpringdocRouteBuilder.route()
                .GET("/api/v1/admin/merchants", h::list, MerchantAdminApiDocs::list)
                .GET("/api/v1/admin/merchants/{merchantId}", h::get, MerchantAdminApiDocs::get)
                .PATCH("/api/v1/admin/merchants/{merchantId}", h::update, MerchantAdminApiDocs::update)
                .POST("/api/v1/admin/merchants/{merchantId}/suspend", h::suspend, MerchantAdminApiDocs::suspend)
                .POST("/api/v1/admin/merchants/{merchantId}/reinstate", h::reinstate, MerchantAdminApiDocs::reinstate)
                .build();
    }
}

package dev.surge.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The limits work with no configuration, and configuration adds to or replaces them by name. */
class RateLimitPropertiesTests {

    @Test
    void defaultsNeedNoConfiguration() {
        RateLimitProperties properties = bind(Map.of());
        assertThat(properties.limits()).containsOnly(
                Map.entry("auth-ip", new RateLimitProperties.Limit(20, Duration.ofMinutes(1))),
                Map.entry("auth-account", new RateLimitProperties.Limit(10, Duration.ofMinutes(1))),
                Map.entry("auth-register-ip", new RateLimitProperties.Limit(5, Duration.ofHours(1))),
                Map.entry("cart-create-ip", new RateLimitProperties.Limit(600, Duration.ofMinutes(1))),
                Map.entry("order-lookup-ip", new RateLimitProperties.Limit(60, Duration.ofMinutes(1))),
                Map.entry("order-lookup-number", new RateLimitProperties.Limit(10, Duration.ofMinutes(10))),
                Map.entry("checkout-ip", new RateLimitProperties.Limit(60, Duration.ofMinutes(1))),
                Map.entry("checkout-account", new RateLimitProperties.Limit(20, Duration.ofMinutes(1))),
                Map.entry("payment-ip", new RateLimitProperties.Limit(120, Duration.ofMinutes(1))),
                Map.entry("payment-account", new RateLimitProperties.Limit(30, Duration.ofMinutes(1))),
                Map.entry("coupon-ip", new RateLimitProperties.Limit(30, Duration.ofMinutes(1))),
                Map.entry("coupon-account", new RateLimitProperties.Limit(10, Duration.ofMinutes(1))),
                Map.entry("browse-ip", new RateLimitProperties.Limit(300, Duration.ofMinutes(1))));
        assertThat(properties.trustedProxies()).isEmpty();
    }

    @Test
    void configuredLimitsReplaceOrJoinTheDefaults() {
        RateLimitProperties properties = bind(Map.of(
                "surge.rate-limits.limits.auth-ip.capacity", "100",
                "surge.rate-limits.limits.auth-ip.period", "10m",
                "surge.rate-limits.limits.password-reset.capacity", "3",
                "surge.rate-limits.limits.password-reset.period", "1h",
                "surge.rate-limits.trusted-proxies", "10.0.0.0/8,192.0.2.1"));
        assertThat(properties.limits()).containsEntry("auth-ip",
                        new RateLimitProperties.Limit(100, Duration.ofMinutes(10)))
                .containsEntry("password-reset", new RateLimitProperties.Limit(3, Duration.ofHours(1)))
                .containsKey("auth-account");
        assertThat(properties.trustedProxies()).containsExactly("10.0.0.0/8", "192.0.2.1");
    }

    @Test
    void aLimitWithoutCapacityOrPeriodIsRefusedAtStartUp() {
        assertThatThrownBy(() -> bind(Map.of("surge.rate-limits.limits.auth-ip.capacity", "5")))
                .isInstanceOf(BindException.class).hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bind(Map.of("surge.rate-limits.limits.auth-ip.period", "1m")))
                .isInstanceOf(BindException.class).hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    private static RateLimitProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("surge.rate-limits", RateLimitProperties.class);
    }
}

package dev.surge.payments.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.payments.gateway.ProviderPayment;
import dev.surge.payments.gateway.ProviderPaymentStatus;
import dev.surge.payments.sandbox.SandboxGateway.PayPage;
import dev.surge.platform.persistence.Money;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where the pay page sends the shopper, what its policy allows, and what it escapes. */
class SandboxPayPageTests {

    private static PayPage page(ProviderPaymentStatus status, String orderNumber, String returnUrl) {
        return new PayPage(new ProviderPayment("sandbox", "sbx_1", "pay-1", status, Money.of(123_456, "JPY"),
                Instant.EPOCH), orderNumber, returnUrl == null ? null : URI.create(returnUrl));
    }

    @Test
    void sendsTheShopperToTheReturnUrlWithTheOutcomeOrBackToThePage() {
        assertThat(SandboxPayPage.after(page(ProviderPaymentStatus.SUCCEEDED, "SRG-1",
                "https://shop.example:8443/orders/done?from=sandbox"), "/api/v1/sandbox/payments/sbx_1"))
                .hasToString("https://shop.example:8443/orders/done?from=sandbox&reference=sbx_1&payment=pay-1&status=SUCCEEDED");
        // An encoded return URL stays as configured: nothing is encoded twice.
        assertThat(SandboxPayPage.after(page(ProviderPaymentStatus.SUCCEEDED, "SRG-1",
                "https://shop.example/done?next=%2Forders%3Fa%3D1"), "/x"))
                .hasToString("https://shop.example/done?next=%2Forders%3Fa%3D1&reference=sbx_1&payment=pay-1&status=SUCCEEDED");
        assertThat(SandboxPayPage.after(page(ProviderPaymentStatus.FAILED, "SRG-1", null), "/api/v1/sandbox/payments/sbx_1"))
                .hasToString("/api/v1/sandbox/payments/sbx_1");
    }

    @Test
    void itsFormsMayPostToSurgeAndRedirectToTheReturnUrlsOriginOnly() {
        assertThat(SandboxPayPage.contentSecurityPolicy(page(ProviderPaymentStatus.PENDING, null,
                "https://shop.example:8443/orders/done"))).contains("form-action 'self' https://shop.example:8443;")
                .startsWith("default-src 'none'; style-src 'sha256-");
        assertThat(SandboxPayPage.contentSecurityPolicy(page(ProviderPaymentStatus.PENDING, null, null)))
                .contains("form-action 'self';");
    }

    @Test
    void showsAmountsInTheCurrencysUnitsAndEscapesWhatItPrints() {
        assertThat(SandboxPayPage.format(Money.of(123_456, "JPY"))).isEqualTo("123456 JPY");
        assertThat(SandboxPayPage.format(Money.of(9_050, "USD"))).isEqualTo("90.50 USD");
        assertThat(SandboxPayPage.format(Money.of(1_500, "KWD"))).isEqualTo("1.500 KWD");
        String html = SandboxPayPage.render(page(ProviderPaymentStatus.PENDING, "<b>1</b>", null), "/x/complete");
        assertThat(html).contains("Order &lt;b&gt;1&lt;/b&gt;").doesNotContain("<b>1</b>");
    }
}

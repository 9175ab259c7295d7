package dev.surge.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.identity.EmailVerificationRequested;
import dev.surge.identity.NewDeviceSignedIn;
import dev.surge.identity.PasswordResetRequested;
import dev.surge.identity.PersonalDataExportReady;
import dev.surge.identity.TwoFactorChanged;
import dev.surge.notifications.config.NotificationsProperties;
import dev.surge.notifications.mail.Email;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every real template renders, with links built from the configured base and encoded tokens. */
class NotificationEmailsTests {

    private static final Instant AT = Instant.parse("2026-03-01T09:30:00Z");

    private final NotificationsProperties properties = TestProperties.of("Surge <no-reply@shop.example>",
            "https://shop.example/", 2);
    private final NotificationEmails emails = new NotificationEmails(new EmailRenderer(properties), properties);

    @Test
    void verificationLinkCarriesTheEncodedToken() {
        Email email = emails.emailVerification(new EmailVerificationRequested(UUID.randomUUID(), "ada@example.com",
                "Ada", "a+b/c=d&e f", AT));

        String link = "https://shop.example/verify-email?token=a%2Bb%2Fc%3Dd%26e%20f";
        assertThat(email.to()).isEqualTo("ada@example.com");
        assertThat(email.subject()).isEqualTo("Confirm your email address");
        assertThat(email.link()).isEqualTo(link);
        assertThat(email.text()).contains("Hi Ada,").contains(link).contains("1 March 2026, 09:30 UTC");
        assertThat(email.html()).contains("href=\"" + link + "\"").doesNotContain("{{");
    }

    @Test
    void exportLinkCarriesTheEncodedToken() {
        Email email = emails.personalDataExport(new PersonalDataExportReady(UUID.randomUUID(), "ada@example.com", "Ada",
                UUID.randomUUID(), "to+k/en", AT));

        String link = "https://shop.example/account/export?token=to%2Bk%2Fen";
        assertThat(email.to()).isEqualTo("ada@example.com");
        assertThat(email.subject()).isEqualTo("Your personal data export is ready");
        assertThat(email.link()).isEqualTo(link);
        assertThat(email.text()).contains("Hi Ada,").contains(link).contains("1 March 2026, 09:30 UTC");
        assertThat(email.html()).contains("href=\"" + link + "\"").doesNotContain("{{");
    }

    @Test
    void resetLinkCarriesTheEncodedToken() {
        Email email = emails.passwordReset(new PasswordResetRequested(UUID.randomUUID(), "ada@example.com", null,
                "tok/en", AT));

        assertThat(email.subject()).isEqualTo("Reset your password");
        assertThat(email.link()).isEqualTo("https://shop.example/reset-password?token=tok%2Fen");
        assertThat(email.text()).contains("Hi there,").contains(email.link());
    }

    @Test
    void newDeviceEmailEscapesUserAgentAndName() {
        Email email = emails.newDevice(new NewDeviceSignedIn(UUID.randomUUID(), "ada@example.com",
                "<b>Ada</b>", "Mozilla/5.0 <img src=x onerror=alert(1)>", "203.0.113.7", AT));

        assertThat(email.subject()).isEqualTo("New sign-in to your account");
        assertThat(email.link()).isNull();
        assertThat(email.html()).contains("Hi &lt;b&gt;Ada&lt;/b&gt;,")
                .contains("Mozilla/5.0 &lt;img src=x onerror=alert(1)&gt;").contains("203.0.113.7")
                .doesNotContain("<img").doesNotContain("<b>");
        assertThat(email.text()).contains("Mozilla/5.0 <img src=x onerror=alert(1)>");
    }

    @Test
    void twoFactorEmailSaysWhichWay() {
        UUID user = UUID.randomUUID();
        Email on = emails.twoFactorChanged(new TwoFactorChanged(user, "ada@example.com", "Ada", true, AT));
        Email off = emails.twoFactorChanged(new TwoFactorChanged(user, "ada@example.com", "Ada", false, AT));

        assertThat(on.subject()).isEqualTo("Two-factor authentication is on");
        assertThat(on.text()).contains("turned on");
        assertThat(off.subject()).isEqualTo("Two-factor authentication is off");
        assertThat(off.text()).contains("turned off");
        assertThat(off.html()).contains("turned off");
    }

    @Test
    void orderAmountsUseTheCurrencysOwnDigits() {
        assertThat(Formats.amount(new dev.surge.platform.persistence.Money(12345, "USD"))).isEqualTo("123.45 USD");
        assertThat(Formats.amount(new dev.surge.platform.persistence.Money(1100, "JPY"))).isEqualTo("1100 JPY");
        assertThat(Formats.amount(new dev.surge.platform.persistence.Money(12345, "KWD"))).isEqualTo("12.345 KWD");
        assertThat(Formats.amount(new dev.surge.platform.persistence.Money(5, "EUR"))).isEqualTo("0.05 EUR");
    }
}

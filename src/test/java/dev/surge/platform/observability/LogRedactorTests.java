package dev.surge.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogRedactorTests {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXBhcnQtaGVyZQ";

    @Test
    void emailAddressesGo() {
        assertThat(LogRedactor.redact("Sign-in failed for Ada.Lovelace+shop@mail.example.co.uk (locked)"))
                .isEqualTo("Sign-in failed for [email] (locked)");
    }

    @Test
    void jsonWebTokensAndBearerCredentialsGo() {
        assertThat(LogRedactor.redact("token " + JWT + " refused")).isEqualTo("token [jwt] refused");
        assertThat(LogRedactor.redact("header Authorization=Bearer abcdef0123456789 seen"))
                .doesNotContain("abcdef0123456789");
        assertThat(LogRedactor.redact("sent Bearer opaque-credential-42")).isEqualTo("sent Bearer [redacted]");
    }

    @Test
    void secretValuesGoWhateverTheirSyntax() {
        assertThat(LogRedactor.redact("login password=hunter2 user=x")).isEqualTo("login password=[redacted] user=x");
        assertThat(LogRedactor.redact("GET /reset?token=abc123&next=/home")).isEqualTo("GET /reset?token=[redacted]&next=/home");
        assertThat(LogRedactor.redact("{\"newPassword\":\"an entirely new passphrase\",\"x\":1}"))
                .isEqualTo("{\"newPassword\":\"[redacted]\",\"x\":1}");
        // Inside the message of a JSON log line, quotes are escaped.
        assertThat(LogRedactor.redact("{\"message\":\"body {\\\"refreshToken\\\":\\\"r-123\\\"}\"}"))
                .isEqualTo("{\"message\":\"body {\\\"refreshToken\\\":\\\"[redacted]\\\"}\"}");
        assertThat(LogRedactor.redact("client_secret: s3cr3t")).isEqualTo("client_secret: [redacted]");
        assertThat(LogRedactor.redact("{\"line1\":\"12 Analytical Way\",\"postalCode\":\"12345\"}"))
                .isEqualTo("{\"line1\":\"[redacted]\",\"postalCode\":\"[redacted]\"}");
    }

    @Test
    void opaqueTokensGoButUuidsAndClassNamesStay() {
        assertThat(LogRedactor.redact("refresh YC-1dvSIK_-O6OD5lYW4AoqJVq7OE3r58vdUXgwkUyw refused"))
                .isEqualTo("refresh [token] refused");
        String line = "request 01a24cbf-c500-7886-81a2-5b4917b13fc6 at org.junit.InvocationInterceptorChainValidatingInvocation";
        assertThat(LogRedactor.redact(line)).isSameAs(line);
        assertThat(LogRedactor.redact("error: password=\"plaintext horse battery\" given"))
                .isEqualTo("error: password=\"[redacted]\" given");
    }

    @Test
    void cardNumbersGoWhenTheyPassLuhn() {
        assertThat(LogRedactor.redact("card 4111 1111 1111 1111 declined")).isEqualTo("card [card] declined");
        assertThat(LogRedactor.redact("card 4111-1111-1111-1111")).isEqualTo("card [card]");
        assertThat(LogRedactor.redact("pan=378282246310005.")).isEqualTo("pan=[card].");
        // Not Luhn-valid, too short, or part of a word: kept.
        assertThat(LogRedactor.redact("order 4111111111111112 and 123456789012")).isEqualTo("order 4111111111111112 and 123456789012");
        assertThat(LogRedactor.redact("at 2026-12-06T18:57:52.442958753Z pid 23565")).isEqualTo("at 2026-12-06T18:57:52.442958753Z pid 23565");
    }

    @Test
    void aCleanLineIsReturnedAsItIs() {
        String line = "Relay published 12 rows in 4 ms (request 0192f0e4-7c1a-7d2b-9b1e-3f2a1c0d9e8f)";
        assertThat(LogRedactor.redact(line)).isSameAs(line);
    }

    @Test
    void luhnChecksTheDigitsOnly() {
        assertThat(LogRedactor.luhn("4111 1111 1111 1111")).isTrue();
        assertThat(LogRedactor.luhn("4111 1111 1111 1112")).isFalse();
        assertThat(LogRedactor.luhn("0000")).isFalse();
    }
}

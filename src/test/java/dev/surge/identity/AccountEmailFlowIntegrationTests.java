package dev.surge.identity;

import static dev.surge.identity.AuthClient.JSON;
import static dev.surge.identity.AuthClient.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestMailServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The whole life of an account with real email: register → the verification email arrives over SMTP →
 * follow its link → sign in → refresh → reuse of the old refresh token kills the session → sign in with
 * 2FA → reset the password from the emailed link → the old sessions are gone.
 */
class AccountEmailFlowIntegrationTests extends IntegrationTest {

    private static final Pattern LINK_TOKEN = Pattern.compile("/(verify-email|reset-password)\\?token=([A-Za-z0-9%_.~-]+)");

    @Autowired
    DatabaseClient db;

    @Test
    void fromRegistrationToPasswordResetByEmail() {
        AuthClient auth = new AuthClient(http, db);
        String email = AuthClient.uniqueEmail();
        auth.register(email);

        String verification = tokenFromEmail(email, "verify-email");
        http.post().uri("/api/v1/auth/email/verify").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", verification)).exchange().expectStatus().isNoContent();

        Map<String, Object> first = auth.signIn(email);
        assertThat(((Map<?, ?>) first.get("account")).get("emailVerified")).isEqualTo(true);
        String oldRefresh = (String) first.get("refreshToken");
        Map<String, Object> second = auth.refresh(oldRefresh).expectStatus().isOk().expectBody(JSON).returnResult()
                .getResponseBody();
        auth.pastReuseGrace(email); // a reuse later than two tabs refreshing together
        auth.refresh(oldRefresh).expectStatus().isUnauthorized();
        auth.me((String) second.get("accessToken")).expectStatus().isUnauthorized();

        // Two-factor on: the next sign-in needs a code from the authenticator.
        String access = (String) auth.signIn(email).get("accessToken");
        String secret = (String) http.post().uri("/api/v1/auth/2fa/setup").headers(h -> h.setBearerAuth(access)).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody().get("secret");
        http.post().uri("/api/v1/auth/2fa/enable").headers(h -> h.setBearerAuth(access)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", PASSWORD, "code", totp(secret, 0))).exchange().expectStatus().isOk();
        String challenge = (String) auth.signIn(email).get("challenge");
        String survivor = (String) http.post().uri("/api/v1/auth/login/2fa").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("challenge", challenge, "code", totp(secret, 30))).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody().get("accessToken");
        auth.me(survivor).expectStatus().isOk();
        http.post().uri("/api/v1/auth/password/forgot").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email)).exchange().expectStatus().isAccepted();
        String reset = tokenFromEmail(email, "reset-password");
        http.post().uri("/api/v1/auth/password/reset").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", reset, "newPassword", "an entirely new passphrase")).exchange()
                .expectStatus().isNoContent();

        auth.me(survivor).expectStatus().isUnauthorized();
        auth.me(access).expectStatus().isUnauthorized();
        auth.login(email, PASSWORD).expectStatus().isUnauthorized();
        auth.login(email, "an entirely new passphrase").expectStatus().isOk()
                .expectBody().jsonPath("$.twoFactorRequired").isEqualTo(true);
    }

    private static String totp(String base32Secret, long offsetSeconds) {
        try {
            var generator = new com.eatthepath.otp.TimeBasedOneTimePasswordGenerator();
            return generator.generateOneTimePasswordString(new javax.crypto.spec.SecretKeySpec(
                    new org.apache.commons.codec.binary.Base32().decode(base32Secret), generator.getAlgorithm()),
                    java.time.Instant.now().plusSeconds(offsetSeconds));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the email with this kind of link to this address and takes the token out of its link. */
    private static String tokenFromEmail(String to, String kind) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> received(to).stream()
                .map(GreenMailUtil::getWholeMessage)
                .map(body -> body.replace("=\r\n", "").replace("=3D", "="))
                .map(LINK_TOKEN::matcher)
                .filter(Matcher::find)
                .filter(m -> m.group(1).equals(kind))
                .map(m -> URLDecoder.decode(m.group(2), StandardCharsets.UTF_8))
                .reduce((a, b) -> b).orElse(null), token -> token != null);
    }

    private static List<MimeMessage> received(String to) {
        return Arrays.stream(TestMailServer.server().getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(address -> address.toString().contains(to));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}

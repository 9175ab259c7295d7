package dev.surge.identity;

import java.util.Map;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Test helper: drives the auth API like a client would, and reads what identity sent through the outbox. */
final class AuthClient {

    static final String PASSWORD = "correct horse battery staple";
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private final WebTestClient http;
    private final DatabaseClient db;

    AuthClient(WebTestClient http, DatabaseClient db) {
        this.http = http;
        this.db = db;
    }

    static String uniqueEmail() {
        return "shopper-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    Map<String, Object> register(String email) {
        return http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD, "displayName", "Ada"))
                .exchange().expectStatus().isCreated()
                .expectBody(JSON).returnResult().getResponseBody();
    }

    WebTestClient.ResponseSpec login(String email, String password) {
        return http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password)).exchange();
    }

    Map<String, Object> signIn(String email) {
        return login(email, PASSWORD).expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
    }

    WebTestClient.ResponseSpec refresh(String refreshToken) {
        return http.post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", refreshToken)).exchange();
    }

    WebTestClient.ResponseSpec me(String accessToken) {
        return http.get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(accessToken)).exchange();
    }

    /**
     * Moves the use of this account's used refresh tokens back past the reuse grace window (10 s), so that
     * presenting one again is what it is after that window: a stolen copy.
     */
    void pastReuseGrace(String email) {
        db.sql("""
                UPDATE refresh_tokens SET used_at = used_at - interval '1 minute'
                WHERE used_at IS NOT NULL AND session_id IN (
                    SELECT s.id FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE u.email = :email)""")
                .bind("email", email).then().block();
    }

    /** The token of the newest event of this type for this address, as the email would carry it. */
    String emailedToken(String eventType, String email) {
        return db.sql("""
                SELECT payload->>'token' AS token FROM outbox_events
                WHERE event_type = :type AND payload->>'email' = :email
                ORDER BY id DESC LIMIT 1""")
                .bind("type", eventType).bind("email", email)
                .map(row -> row.get("token", String.class)).one().block();
    }
}

package dev.surge.catalog;

import dev.surge.platform.persistence.Ids;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Test helper: accounts of each role (made through the API, promoted in the database) and management calls. */
final class ManagementClient {

    static final String PASSWORD = "correct horse battery staple";
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private final WebTestClient http;
    private final DatabaseClient db;

    ManagementClient(WebTestClient http, DatabaseClient db) {
        this.http = http;
        this.db = db;
    }

    /** A signed-in account of {@code role}; sellers belong to {@code merchant}. Returns its access token. */
    String signedInAs(String role, UUID merchant) {
        String email = "mgmt-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD, "displayName", "Tester"))
                .exchange().expectStatus().isCreated();
        if (!role.equals("CUSTOMER")) {
            db.sql("UPDATE users SET role = :role, merchant_id = :merchant WHERE email = :email")
                    .bind("role", role)
                    .bind("merchant", merchant == null ? io.r2dbc.spi.Parameters.in(UUID.class) : merchant)
                    .bind("email", email).then().block();
        }
        return (String) http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD)).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody().get("accessToken");
    }

    String seller(UUID merchant) {
        return signedInAs("SELLER", merchant);
    }

    WebTestClient.ResponseSpec call(HttpMethod method, String uri, String token, String ifMatch, Object body) {
        WebTestClient.RequestBodySpec spec = http.method(method).uri(uri).headers(h -> {
            if (token != null) {
                h.setBearerAuth(token);
            }
            if (ifMatch != null) {
                h.setIfMatch(ifMatch);
            }
        });
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static String unique(String prefix) {
        return prefix + "-" + Ids.newId().toString().substring(28);
    }
}

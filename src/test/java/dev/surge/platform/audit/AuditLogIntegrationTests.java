package dev.surge.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.platform.security.AccessTokens;
import dev.surge.support.CatalogRows;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The audit log read back over HTTP: a scripted back-office session (sign in, change a role, set stock, export
 * orders) in order, filters, paging, access, purge.
 */
class AuditLogIntegrationTests extends IntegrationTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    static final String PASSWORD = "correct horse battery staple";

    @Autowired
    DatabaseClient db;
    @Autowired
    AccessTokens accessTokens;
    @Autowired
    AuditPurge purge;

    TestTokens tokens;
    CatalogRows rows;

    @BeforeEach
    void setUp() {
        tokens = new TestTokens(accessTokens);
        rows = new CatalogRows(db);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBackOfficeSessionReadsBackNewestFirstPageByPage() {
        Instant before = Instant.now();
        Admin admin = signedInAdmin();
        UUID clerk = rows.user("CUSTOMER", null, "clerk");
        CatalogRows.Variant variant = rows.variant(5, 1000, "EUR", null);

        http.patch().uri("/api/v1/admin/users/" + clerk).headers(h -> h.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("role", "FINANCE"))
                .exchange().expectStatus().isOk();
        http.put().uri("/api/v1/admin/inventory/" + variant.id()).headers(h -> h.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("onHand", 20, "reason", "cycle count"))
                .exchange().expectStatus().isOk();
        http.get().uri("/api/v1/admin/orders/export.csv?status=PAID&from=" + before)
                .headers(h -> h.setBearerAuth(admin.token())).exchange().expectStatus().isOk();

        List<String> expected = List.of("orders.exported", "inventory.stock.set", "account.changed", "login.succeeded", "account.registered");
        assertThat(actions(audit(admin.token(), "actor=" + admin.id()))).isEqualTo(expected);

        Map<String, Object> first = audit(admin.token(), "actor=" + admin.id() + "&limit=3");
        assertThat(actions(first)).isEqualTo(expected.subList(0, 3));
        String cursor = (String) first.get("nextCursor");
        assertThat(cursor).isNotNull();
        Map<String, Object> second = audit(admin.token(), "actor=" + admin.id() + "&limit=3&cursor=" + cursor);
        assertThat(actions(second)).isEqualTo(expected.subList(3, 5));
        assertThat(second.get("nextCursor")).isNull();

        // Each filter narrows; a record carries its subject, request id and details.
        Map<String, Object> changed = items(audit(admin.token(), "target=" + clerk)).get(0);
        assertThat(changed).containsEntry("action", "account.changed").containsEntry("actorId", admin.id().toString())
                .containsEntry("subjectId", clerk.toString());
        assertThat(changed.get("requestId")).isNotNull();
        assertThat((Map<String, Object>) changed.get("details")).containsEntry("role", "FINANCE").containsEntry("previousRole", "CUSTOMER");
        assertThat(actions(audit(admin.token(), "action=inventory.stock.set&target=" + variant.id())))
                .containsExactly("inventory.stock.set");
        assertThat(actions(audit(admin.token(), "actor=" + admin.id() + "&action=login.succeeded")))
                .containsExactly("login.succeeded");
        assertThat(actions(audit(admin.token(), "actor=" + admin.id() + "&to=" + before))).isEmpty();
        assertThat(actions(audit(admin.token(), "actor=" + admin.id() + "&from=" + Instant.now().plusSeconds(60)))).isEmpty();

        // A cursor is bound to its filters.
        http.get().uri("/api/v1/admin/audit?actor=" + clerk + "&limit=3&cursor=" + cursor)
                .headers(h -> h.setBearerAuth(admin.token())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_cursor");
    }

    @Test
    void onlyAdministratorsReadTheLogAndBadFiltersAreProblems() {
        http.get().uri("/api/v1/admin/audit").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/admin/audit").headers(h -> h.setBearerAuth(tokens.customer(UUID.randomUUID())))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/v1/admin/audit").headers(h -> h.setBearerAuth(tokens.as(UUID.randomUUID(), "FINANCE")))
                .exchange().expectStatus().isForbidden();
        String admin = tokens.admin();
        for (String bad : List.of("actor=nobody", "target=12", "from=yesterday", "to=2026-13-01T00:00:00Z",
                "limit=0", "limit=201", "limit=ten", "action=DROP%20TABLE", "action=" + "a".repeat(101),
                "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "actor=" + UUID.randomUUID() + "&actor=" + UUID.randomUUID())) {
            http.get().uri("/api/v1/admin/audit?" + bad).headers(h -> h.setBearerAuth(admin)).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("validation_failed");
        }
        for (String cursor : List.of("garbage", "a.b", "x".repeat(2000))) {
            http.get().uri(b -> b.path("/api/v1/admin/audit").queryParam("cursor", cursor).build())
                    .headers(h -> h.setBearerAuth(admin)).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void thePurgeDeletesRecordsPastRetentionOnly() {
        UUID subject = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            db.sql("INSERT INTO audit_log (id, occurred_at, action, subject_id) VALUES (gen_random_uuid(), "
                    + "now() - interval '400 days', 'test.old', :s)").bind("s", subject).then().block();
        }
        db.sql("INSERT INTO audit_log (id, occurred_at, action, subject_id) VALUES (gen_random_uuid(), "
                + "now() - interval '300 days', 'test.recent', :s)").bind("s", subject).then().block();

        assertThat(purge.round().block()).isGreaterThanOrEqualTo(3L);

        List<String> left = db.sql("SELECT action FROM audit_log WHERE subject_id = :s").bind("s", subject)
                .map(row -> row.get("action", String.class)).all().collectList().block();
        assertThat(left).containsExactly("test.recent");
    }

    private record Admin(UUID id, String token) {
    }

    /** A registered account made an administrator in the database (as the first admin is), then signed in. */
    private Admin signedInAdmin() {
        String email = "auditor-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Map<String, Object> account = http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD, "displayName", "Audrey"))
                .exchange().expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        db.sql("UPDATE users SET role = 'ADMIN' WHERE email = :email").bind("email", email).then().block();
        Map<String, Object> signedIn = http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD)).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        return new Admin(UUID.fromString((String) account.get("id")), (String) signedIn.get("accessToken"));
    }

    private Map<String, Object> audit(String token, String query) {
        return http.get().uri("/api/v1/admin/audit?" + query).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private static List<String> actions(Map<String, Object> page) {
        return items(page).stream().map(item -> (String) item.get("action")).toList();
    }
}

package dev.surge.identity;

import static dev.surge.identity.AuthClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.surge.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Roles and tenants: admins run merchants and accounts; sellers see only their own merchant. */
class AdminAndTenantIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    AuthClient auth;
    String superAdmin;

    @BeforeEach
    void setUp() {
        auth = new AuthClient(http, db);
        superAdmin = signedInAs("SUPER_ADMIN");
    }

    @Test
    void adminsCreateMerchantsAndSellersWhoSeeOnlyTheirOwnMerchant() throws Exception {
        String ours = merchant("ours");
        String theirs = merchant("theirs");
        String sellerEmail = AuthClient.uniqueEmail();
        Map<String, Object> seller = call(HttpMethod.POST, "/api/v1/admin/users", superAdmin,
                Map.of("email", sellerEmail, "displayName", "Sam Seller", "role", "SELLER", "merchantId", ours))
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        assertThat(seller).containsEntry("role", "SELLER").containsEntry("merchantId", ours);

        // The invitation is a password link; the seller picks a password and signs in.
        String invitation = auth.emailedToken("PasswordResetRequested", sellerEmail);
        http.post().uri("/api/v1/auth/password/reset").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", invitation, "newPassword", "seller chosen passphrase")).exchange()
                .expectStatus().isNoContent();
        String sellerToken = (String) auth.login(sellerEmail, "seller chosen passphrase").expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody().get("accessToken");
        assertThat(SignedJWT.parse(sellerToken).getJWTClaimsSet().getStringClaim("mid")).isEqualTo(ours);

        call(HttpMethod.GET, "/api/v1/merchants/" + ours + "/team", sellerToken, null).expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].email").isEqualTo(sellerEmail);
        call(HttpMethod.GET, "/api/v1/merchants/" + theirs + "/team", sellerToken, null).expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("merchant_not_found");
        call(HttpMethod.GET, "/api/v1/merchants/" + UUID.randomUUID() + "/team", sellerToken, null).expectStatus().isNotFound();
        call(HttpMethod.GET, "/api/v1/merchants/" + theirs + "/team", superAdmin, null).expectStatus().isOk();
        call(HttpMethod.GET, "/api/v1/admin/users", sellerToken, null).expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("forbidden");
    }

    @Test
    void onlyASuperAdminMakesAdminsAndNobodyChangesThemselves() {
        String admin = signedInAs("ADMIN");
        String email = AuthClient.uniqueEmail();
        call(HttpMethod.POST, "/api/v1/admin/users", admin, Map.of("email", email, "displayName", "Would-be", "role", "ADMIN"))
                .expectStatus().isForbidden();
        call(HttpMethod.POST, "/api/v1/admin/users", superAdmin, Map.of("email", email, "displayName", "New Admin", "role", "ADMIN"))
                .expectStatus().isCreated();
        call(HttpMethod.POST, "/api/v1/admin/users", admin,
                Map.of("email", AuthClient.uniqueEmail(), "displayName", "Pat", "role", "FINANCE")).expectStatus().isCreated();
        call(HttpMethod.POST, "/api/v1/admin/users", admin,
                Map.of("email", AuthClient.uniqueEmail(), "displayName", "No Shop", "role", "SELLER")).expectStatus().isBadRequest();
        String me = (String) call(HttpMethod.GET, "/api/v1/auth/me", admin, null).expectBody(JSON).returnResult()
                .getResponseBody().get("id");
        call(HttpMethod.PATCH, "/api/v1/admin/users/" + me, admin, Map.of("role", "SUPER_ADMIN")).expectStatus().isForbidden();

        // An admin may not promote anyone to admin, nor touch another admin; a super admin may.
        String customerEmail = AuthClient.uniqueEmail();
        String customerId = (String) auth.register(customerEmail).get("id");
        String customerToken = (String) auth.signIn(customerEmail).get("accessToken");
        call(HttpMethod.PATCH, "/api/v1/admin/users/" + customerId, admin, Map.of("role", "ADMIN")).expectStatus().isForbidden();
        String otherAdmin = (String) call(HttpMethod.GET, "/api/v1/admin/users?role=ADMIN&q=" + email, superAdmin, null)
                .expectBody(JSON).returnResult().getResponseBody().entrySet().stream()
                .filter(e -> e.getKey().equals("items")).map(e -> ((Map<?, ?>) ((List<?>) e.getValue()).get(0)).get("id"))
                .findFirst().orElseThrow();
        call(HttpMethod.PATCH, "/api/v1/admin/users/" + otherAdmin, admin, Map.of("status", "DISABLED")).expectStatus().isForbidden();
        // A role change ends the account's sessions: its tokens carried the old role.
        call(HttpMethod.PATCH, "/api/v1/admin/users/" + customerId, superAdmin, Map.of("role", "FINANCE")).expectStatus().isOk()
                .expectBody().jsonPath("$.role").isEqualTo("FINANCE");
        auth.me(customerToken).expectStatus().isUnauthorized();
        assertThat(db.sql("SELECT action FROM audit_log WHERE subject_id = :id").bind("id", UUID.fromString(customerId))
                .map(r -> r.get("action", String.class)).all().collectList().block()).contains("account.changed");
    }

    @Test
    void disablingAnAccountEndsItsSessionsAndReEnablingLetsItBackIn() {
        String email = AuthClient.uniqueEmail();
        String id = (String) auth.register(email).get("id");
        String customer = (String) auth.signIn(email).get("accessToken");

        call(HttpMethod.PATCH, "/api/v1/admin/users/" + id, superAdmin, Map.of("status", "DISABLED")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("DISABLED");
        auth.me(customer).expectStatus().isUnauthorized();
        auth.login(email, AuthClient.PASSWORD).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("account_disabled");

        call(HttpMethod.PATCH, "/api/v1/admin/users/" + id, superAdmin, Map.of("status", "ACTIVE")).expectStatus().isOk();
        auth.login(email, AuthClient.PASSWORD).expectStatus().isOk();
        call(HttpMethod.PATCH, "/api/v1/admin/users/" + UUID.randomUUID(), superAdmin, Map.of("status", "ACTIVE"))
                .expectStatus().isNotFound();
        call(HttpMethod.PATCH, "/api/v1/admin/users/" + id, superAdmin, Map.of("status", "GONE")).expectStatus().isBadRequest();
        call(HttpMethod.PATCH, "/api/v1/admin/users/" + id, customer, Map.of("status", "ACTIVE")).expectStatus().isUnauthorized();
    }

    @Test
    void accountsAreSearchedAndPaged() {
        String tag = "findme" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            auth.register(tag + i + "@example.com");
        }
        Map<String, Object> first = call(HttpMethod.GET, "/api/v1/admin/users?q=" + tag + "&limit=2", superAdmin, null)
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat((List<?>) first.get("items")).hasSize(2);
        Map<String, Object> second = call(HttpMethod.GET, "/api/v1/admin/users?q=" + tag + "&limit=2&cursor="
                + first.get("nextCursor"), superAdmin, null).expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat((List<?>) second.get("items")).hasSize(1);
        assertThat(second.get("nextCursor")).isNull();
        call(HttpMethod.GET, "/api/v1/admin/users?role=WIZARD", superAdmin, null).expectStatus().isBadRequest();
    }

    private String merchant(String name) {
        String slug = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return (String) call(HttpMethod.POST, "/api/v1/admin/merchants", superAdmin, Map.of("name", "Shop " + name, "slug", slug))
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody().get("id");
    }

    /** A fresh account promoted to {@code role} directly in the database (how the first admin exists), signed in. */
    private String signedInAs(String role) {
        String email = AuthClient.uniqueEmail();
        auth.register(email);
        db.sql("UPDATE users SET role = :role WHERE email = :email").bind("role", role).bind("email", email).then().block();
        return (String) auth.signIn(email).get("accessToken");
    }

    private WebTestClient.ResponseSpec call(HttpMethod method, String uri, String token, Map<String, String> body) {
        WebTestClient.RequestBodySpec spec = http.method(method).uri(uri).headers(h -> h.setBearerAuth(token));
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}

package dev.surge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import de.mkammerer.argon2.Argon2Factory;
import dev.surge.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/** Stored hashes use the configured Argon2id cost; older ones are upgraded at sign-in; the policy knows the email. */
class PasswordHashingIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Test
    void storedHashesAreArgon2idWithTheConfiguredCostAndOldOnesAreUpgradedAtSignIn() {
        AuthClient auth = new AuthClient(http, db);
        String email = AuthClient.uniqueEmail();
        auth.register(email);
        assertThat(hash(email)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");

        // As if stored by an older release with a cheaper cost.
        String cheap = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id).hash(1, 4096, 1,
                AuthClient.PASSWORD.toCharArray());
        db.sql("UPDATE users SET password_hash = :h WHERE email = :e").bind("h", cheap).bind("e", email).then().block();
        auth.signIn(email);
        assertThat(hash(email)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(cheap);
        auth.signIn(email);
    }

    @Test
    void aPasswordContainingTheEmailNameIsRefused() {
        http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "margaret.hamilton@example.com", "password", "xx-margaret.hamilton-xx",
                        "displayName", "Margaret"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("weak_password")
                .jsonPath("$.errors[0].message").isEqualTo("must not contain your email address");
    }

    private String hash(String email) {
        return db.sql("SELECT password_hash FROM users WHERE email = :e").bind("e", email)
                .map(row -> row.get("password_hash", String.class)).one().block();
    }
}

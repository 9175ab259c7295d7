package dev.surge.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

class IdempotencyKeysTests {

    @Test
    void acceptsOneLineOfPrintableAscii() {
        assertThat(IdempotencyKeys.parse(List.of("8e03978e-40d5-43e8-bc93-6894a57f9324")))
                .isEqualTo("8e03978e-40d5-43e8-bc93-6894a57f9324");
        assertThat(IdempotencyKeys.parse(List.of("a"))).isEqualTo("a");
        assertThat(IdempotencyKeys.parse(List.of("k".repeat(255)))).hasSize(255);
        assertThat(IdempotencyKeys.parse(List.of("with space and ~!#$%&'()*+,-./:;<=>?@[]^_`{|}")))
                .isEqualTo("with space and ~!#$%&'()*+,-./:;<=>?@[]^_`{|}");
        assertThat(IdempotencyKeys.parse(List.of("  padded  "))).isEqualTo("padded");
    }

    @Test
    void theQuotedStructuredFieldFormNamesTheSameKey() {
        assertThat(IdempotencyKeys.parse(List.of("\"8e03978e\""))).isEqualTo("8e03978e");
        assertThat(IdempotencyKeys.parse(List.of("\"say \\\"hi\\\" \\\\o/\""))).isEqualTo("say \"hi\" \\o/");
        assertThat(IdempotencyKeys.parse(List.of("\"" + "k".repeat(255) + "\""))).hasSize(255);
    }

    @Test
    void refusesMissingEmptyLongRepeatedOrUnprintableKeys() {
        for (List<String> bad : List.of(List.<String>of(), List.of(""), List.of("   "), List.of("\"\""),
                List.of("k".repeat(256)), List.of("\"" + "k".repeat(256) + "\""), List.of("one", "two"),
                List.of("tab\there"), List.of("nul\u0000"), List.of("del\u007f"), List.of("caf\u00e9"),
                List.of("\u043a\u043b\u044e\u0447"), List.of("\"bad \\x escape\""), List.of("\"trailing \\\""),
                List.of("\"inner \" quote\""))) {
            assertThatThrownBy(() -> IdempotencyKeys.parse(bad)).as("%s", bad)
                    .isInstanceOf(IdempotencyErrors.KeyInvalid.class)
                    .hasFieldOrPropertyWithValue("code", "idempotency_key_invalid");
        }
    }

    @Test
    void theFingerprintCoversMethodTargetAndEveryBodyByte() {
        byte[] body = "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        byte[] fingerprint = IdempotencyKeys.fingerprint(HttpMethod.POST, "/api/v1/orders", body);

        assertThat(fingerprint).hasSize(32)
                .isEqualTo(IdempotencyKeys.fingerprint(HttpMethod.POST, "/api/v1/orders", body.clone()));
        assertThat(fingerprint)
                .isNotEqualTo(IdempotencyKeys.fingerprint(HttpMethod.PUT, "/api/v1/orders", body))
                .isNotEqualTo(IdempotencyKeys.fingerprint(HttpMethod.POST, "/api/v1/orders/", body))
                .isNotEqualTo(IdempotencyKeys.fingerprint(HttpMethod.POST, "/api/v1/orders?x=1", body))
                .isNotEqualTo(IdempotencyKeys.fingerprint(HttpMethod.POST, "/api/v1/orders",
                        "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(IdempotencyKeys.fingerprint(HttpMethod.POST, "/api/v1/orders", new byte[0]));
        // The target ends where the body begins: moving bytes across the boundary changes the fingerprint.
        assertThat(IdempotencyKeys.fingerprint(HttpMethod.POST, "/a", "b".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(IdempotencyKeys.fingerprint(HttpMethod.POST, "/ab", new byte[0]));
    }

    @Test
    void onlyAnswersAboutTheRequestItselfAreKept() {
        assertThat(List.of(200, 201, 202, 204, 400, 404, 410, 422)).allMatch(Idempotency::keeps);
        assertThat(List.of(301, 303, 401, 403, 405, 408, 409, 412, 413, 415, 428, 429, 500, 502, 503, 504))
                .noneMatch(Idempotency::keeps);
    }
}

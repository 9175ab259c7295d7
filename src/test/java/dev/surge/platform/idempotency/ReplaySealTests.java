package dev.surge.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplaySealTests {

    private static final byte[] ANSWER = "{\"accessToken\":\"guest-order-secret\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void opensWithTheSameScopeAndKeyOnly() {
        byte[] sealed = ReplaySeal.seal("user:1", "key-1", ANSWER);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("guest-order-secret");
        assertThat(ReplaySeal.open("user:1", "key-1", sealed)).isEqualTo(ANSWER);
        assertThatThrownBy(() -> ReplaySeal.open("user:1", "key-2", sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ReplaySeal.open("user:2", "key-1", sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sealingTwiceGivesDifferentBytesAndATamperedBodyDoesNotOpen() {
        byte[] once = ReplaySeal.seal("user:1", "key-1", ANSWER);
        byte[] twice = ReplaySeal.seal("user:1", "key-1", ANSWER);
        assertThat(once).isNotEqualTo(twice);

        once[once.length - 1] ^= 1;
        assertThatThrownBy(() -> ReplaySeal.open("user:1", "key-1", once)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEmptyAnswerSealsAndOpens() {
        assertThat(ReplaySeal.open("s", "k", ReplaySeal.seal("s", "k", new byte[0]))).isEmpty();
    }

    @Test
    void theStoredKeyIsTheHexSha256OfTheKey() {
        assertThat(ReplaySeal.storedKey("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}

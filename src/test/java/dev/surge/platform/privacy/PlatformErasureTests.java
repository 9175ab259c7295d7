package dev.surge.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The stand-ins of erased values, and the literal pattern an address is found by. */
class PlatformErasureTests {

    @Test
    void anAddressIsMatchedLiterallyWhateverItsCharacters() {
        String email = "a.b+c(d)[e]{f}|g^h$i*j?k-l@example.com";
        Pattern pattern = Pattern.compile(PlatformErasure.regex(email), Pattern.CASE_INSENSITIVE);

        assertThat(pattern.matcher("{\"email\": \"" + email.toUpperCase() + "\"}").find()).isTrue();
        assertThat(pattern.matcher("aXb+c(d)[e]{f}|g^h$i*j?k-l@example.com").find()).isFalse();
    }

    @Test
    void erasedAddressesAreRecognisedAndNeverTheOriginal() {
        UUID id = UUID.randomUUID();

        assertThat(ErasedValues.isErasedEmail(ErasedValues.EMAIL)).isTrue();
        assertThat(ErasedValues.isErasedEmail(ErasedValues.accountEmail(id))).isTrue();
        assertThat(ErasedValues.accountEmail(id)).contains(id.toString());
        assertThat(ErasedValues.isErasedEmail("ada@example.com")).isFalse();
        assertThat(ErasedValues.isErasedEmail(null)).isFalse();
    }

    /** Dead letters are bytes: they are found through PostgreSQL's escape encoding, which this must reproduce. */
    @Test
    void bytesAreWrittenAsPostgresqlsEscapeEncodingWritesThem() {
        byte[] bytes = "a\\b\u00e9@x".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bytes = java.util.Arrays.copyOf(bytes, bytes.length + 1); // and a zero byte
        // SELECT encode(convert_to('a\b' || chr(233) || '@x', 'UTF8') || '\x00'::bytea, 'escape')
        assertThat(PlatformErasure.escapeEncoded(bytes)).isEqualTo("a\\\\b\\303\\251@x\\000");
    }
}

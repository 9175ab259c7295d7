package dev.surge.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surge.platform.errors.InvalidInputException;
import java.util.List;
import dev.surge.platform.web.WebProperties;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

class CursorsTests {

    private final Cursors cursors = cursors("secret-one");

    @Test
    void roundTripsKeysForTheSameScope() {
        String cursor = cursors.encode("newest:abc", List.of("1999", "01a2016f-e287-774d-8c3a-b230c1a7c870"));
        assertThat(cursors.decode(cursor, "newest:abc")).containsExactly("1999", "01a2016f-e287-774d-8c3a-b230c1a7c870");
    }

    @Test
    void refusesAnotherScopeAnotherKeyOrAnyEdit() {
        String cursor = cursors.encode("newest:abc", List.of("k"));
        assertInvalid(() -> cursors.decode(cursor, "price_asc:abc"));
        assertInvalid(() -> cursors("secret-two").decode(cursor, "newest:abc"));
        String payload = cursor.substring(0, cursor.indexOf('.'));
        String edited = (payload.charAt(0) == 'e' ? 'f' : 'e') + cursor.substring(1);
        assertInvalid(() -> cursors.decode(edited, "newest:abc"));
        assertInvalid(() -> cursors.decode("garbage", "newest:abc"));
        assertInvalid(() -> cursors.decode("a.b.c", "newest:abc"));
        assertInvalid(() -> cursors.decode("%%%.***", "newest:abc"));
        assertInvalid(() -> cursors.decode("x".repeat(5000), "newest:abc"));
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable decode) {
        assertThatThrownBy(decode).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.code()).isEqualTo("invalid_cursor"));
    }

    private static Cursors cursors(String secret) {
        return new Cursors(new WebProperties(DataSize.ofMegabytes(1), secret,
                new WebProperties.Cors(List.of(), java.time.Duration.ofMinutes(1))), JsonMapper.builder().build());
    }
}

package dev.surge.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/** The loop answers exactly as the firewall's regular expressions, code point by code point. */
class FirewallCharactersTests {

    @Test
    void headerValuesAreJudgedAsTheFirewallsOwnRuleJudgesThem() {
        assertSameAnswers(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES, FirewallCharacters::headerValue);
    }

    @Test
    void headerNamesAreJudgedAsTheFirewallsOwnRuleJudgesThem() {
        assertSameAnswers(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES, FirewallCharacters::headerName);
        assertSameAnswers(StrictServerWebExchangeFirewall.ALLOWED_PARAMETER_NAMES, FirewallCharacters::headerName);
    }

    @Test
    void theUsualRefusalsStay() {
        assertThat(FirewallCharacters.headerValue("Bearer abc.def-ghi_~+/=")).isTrue();
        assertThat(FirewallCharacters.headerValue("a\tb")).isTrue();
        assertThat(FirewallCharacters.headerValue("a\nb")).isFalse();
        assertThat(FirewallCharacters.headerValue("a\rb")).isFalse();
        assertThat(FirewallCharacters.headerValue("a\u0000b")).isFalse();
        assertThat(FirewallCharacters.headerValue("a\u0085b")).isFalse();
        assertThat(FirewallCharacters.headerValue("a\u0378b")).isFalse(); // unassigned
        assertThat(FirewallCharacters.headerName("X-Name\t")).isFalse();
        assertThat(FirewallCharacters.headerValue("")).isTrue();
    }

    private static void assertSameAnswers(Predicate<String> spring, Predicate<String> ours) {
        List<String> differing = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String alone = new String(Character.toChars(codePoint));
            for (String text : List.of(alone, "Bearer " + alone + "x")) {
                if (spring.test(text) != ours.test(text)) {
                    differing.add(Integer.toHexString(codePoint));
                }
            }
        }
        // Lone and reversed surrogates, which the regular expression reads as code points of their own.
        for (String text : List.of("\uD800", "a\uDC00b", "\uDC00\uD800", "\uD83D\uDE00", "x\uD83Dy", "\uDBFF\uDFFF")) {
            if (spring.test(text) != ours.test(text)) {
                differing.add(text.codePoints().mapToObj(Integer::toHexString).toList().toString());
            }
        }
        if (spring.test(null) != ours.test(null)) {
            differing.add("null");
        }
        assertThat(differing).isEmpty();
    }
}

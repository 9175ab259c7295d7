package dev.surge.catalog.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.catalog.domain.AttributeFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributePathsTests {

    @Test
    void oneVariantMustMatchEveryKeyAndAnyOfItsValues() {
        List<AttributeFilter> filters = List.of(new AttributeFilter("color", List.of("Black")),
                new AttributeFilter("size", List.of("L", "M")));
        assertThat(AttributePaths.anyVariant(filters))
                .isEqualTo("$[*] ? ((@.\"color\" == \"Black\") && (@.\"size\" == \"L\" || @.\"size\" == \"M\"))");
        assertThat(AttributePaths.variant(AttributePaths.without(filters, 0)))
                .isEqualTo("$ ? ((@.\"size\" == \"L\" || @.\"size\" == \"M\"))");
    }

    @Test
    void quotesBackslashesAndControlCharactersStayInsideTheLiteral() {
        assertThat(AttributePaths.literal("a\" || @.x == \"b\\")).isEqualTo("\"a\\\" || @.x == \\\"b\\\\\"");
        assertThat(AttributePaths.literal("tab\there\u0000")).isEqualTo("\"tab\\u0009here\\u0000\"");
    }
}

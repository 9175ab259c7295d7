package dev.surge.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prices and attributes as the product CSV writes them, read back unchanged. */
class ProductCsvValuesTests {

    @Test
    void readsPricesInMajorUnitsWithTheCurrencysDecimals() {
        List<String> problems = new ArrayList<>();
        assertThat(ProductCsvValues.minorUnits("19.99", "USD", problems)).isEqualTo(1999L);
        assertThat(ProductCsvValues.minorUnits("1999", "JPY", problems)).isEqualTo(1999L);
        assertThat(problems).isEmpty();

        assertThat(ProductCsvValues.minorUnits("19.999", "USD", problems)).isNull();
        assertThat(ProductCsvValues.minorUnits("cheap", "USD", problems)).isNull();
        assertThat(problems).containsExactly("USD has 2 decimal places", "must be a number such as 19.99");
    }

    @Test
    void writesPricesWithEveryDecimalOfTheCurrency() {
        assertThat(ProductCsvValues.majorUnits(1990, "USD")).isEqualTo("19.90");
        assertThat(ProductCsvValues.majorUnits(1990, "JPY")).isEqualTo("1990");
    }

    @Test
    void attributesRoundTripWithEscapes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("size", "M");
        attributes.put("fit", "a|b=c\\d");
        String text = ProductCsvValues.attributes(attributes);

        assertThat(text).isEqualTo("fit=a\\|b\\=c\\\\d|size=M");
        assertThat(ProductCsvValues.attributes(text)).isEqualTo(Map.of("size", "M", "fit", "a|b=c\\d"));
        assertThat(ProductCsvValues.attributes(" ")).isEmpty();
    }

    @Test
    void refusesAttributesWithoutValueOrTwice() {
        assertThatThrownBy(() -> ProductCsvValues.attributes("size")).hasMessage("'size' has no '=value'");
        assertThatThrownBy(() -> ProductCsvValues.attributes("size=M|size=L")).hasMessage("'size' appears twice");
    }
}

package dev.surge.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.catalog.domain.ProductImportService.RowError;
import dev.surge.platform.errors.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A CSV row becomes the API's product form, and the API's complaints come back named by CSV column. */
class CsvRowFormsTests {

    @Test
    void namesTheApisFieldsByCsvColumn() {
        assertThat(CsvRowForms.column("variants[0].title")).isEqualTo("variant_title");
        assertThat(CsvRowForms.column("variants[0].compareAtPrice.amountMinor")).isEqualTo("compare_at_price");
        assertThat(CsvRowForms.column("variants[0].price.currency")).isEqualTo("currency");
        assertThat(CsvRowForms.column("variants[0].price.amountMinor")).isEqualTo("price");
        assertThat(CsvRowForms.column("slug")).isEqualTo("handle");
        assertThat(CsvRowForms.column("categoryId")).isEqualTo("category");
        assertThat(CsvRowForms.column("title")).isEqualTo("title");
        assertThat(CsvRowForms.column("variants[0]")).isNull();
    }

    @Test
    void reportsConflictsAndViolationsByColumn() {
        assertThat(CsvRowForms.errors(7, new CatalogErrors.SkuTaken("A-1")))
                .containsExactly(new RowError(7, "sku", "SKU 'A-1' is already used by another variant"));
        assertThat(CsvRowForms.errors(7, new CatalogErrors.SlugTaken("shoe")))
                .containsExactly(new RowError(7, "handle", "Slug 'shoe' is already used"));
        assertThat(CsvRowForms.errors(8, new CatalogErrors.InvalidBody(List.of(
                new FieldViolation("variants[0].weightGrams", "min", "must be 0 or more")))))
                .containsExactly(new RowError(8, "weight_grams", "must be 0 or more"));
    }

    @Test
    void readsARowAndReportsValuesOfTheWrongType() {
        List<RowError> errors = new ArrayList<>();
        ProductForm form = CsvRowForms.form(3, Map.of("title", "Shoe", "sku", "S-1", "price", "19.99",
                "currency", "usd", "featured", "maybe", "stock", "many"), null, errors);

        assertThat(form.title()).isEqualTo("Shoe");
        assertThat(form.variants()).singleElement().satisfies(variant -> {
            assertThat(variant.sku()).isEqualTo("S-1");
            assertThat(variant.price().currency()).isEqualTo("USD");
            assertThat(variant.price().amountMinor()).isEqualByComparingTo("1999");
        });
        assertThat(errors).containsExactly(new RowError(3, "stock", "must be a whole number"),
                new RowError(3, "featured", "must be true or false"));
    }
}

package dev.surge.catalog.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A product as a client describes it: the body of a create or full update, a merge-patched product, or
 * one CSV row. Nothing here is trusted yet; {@link ProductRules} checks it and reports every problem at once.
 *
 * @param slug     null keeps the current slug (or derives one from the title on create)
 * @param status   {@link ProductStatus} name; null means ACTIVE on create and unchanged on update
 * @param variants null in a product PATCH (variants have their own endpoints)
 */
public record ProductForm(String title, String slug, String description, UUID categoryId, String status,
        Boolean featured, Integer featuredPosition, List<VariantForm> variants) {

    /**
     * @param id    an existing variant of the product to update in place; null adds a new variant (or, in a
     *              full update or an import, the product's variant with this SKU)
     * @param stock initial units, only for a variant being created: afterwards the inventory owns stock
     */
    public record VariantForm(UUID id, String sku, String title, PriceForm price, PriceForm compareAtPrice,
            Integer weightGrams, Map<String, String> attributes, Integer stock) {
    }

    /** An amount in the currency's minor unit: 1999 is 19.99 USD, 1999 is ¥1,999 JPY. Must be whole. */
    public record PriceForm(BigDecimal amountMinor, String currency) {
    }
}

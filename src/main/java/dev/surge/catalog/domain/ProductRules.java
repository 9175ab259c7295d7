package dev.surge.catalog.domain;

import dev.surge.catalog.domain.ProductForm.PriceForm;
import dev.surge.catalog.domain.ProductForm.VariantForm;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.persistence.Ids;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules a product must keep, checked in one place for the API and the CSV import alike. A check
 * never stops at the first problem: it returns every violation, each naming its field.
 */
public final class ProductRules {

    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 10_000;
    static final int MAX_SLUG = 100;
    static final int MAX_VARIANTS = 100;
    static final int MAX_SKU = 64;
    static final int MAX_ATTRIBUTES = 20;
    static final int MAX_ATTRIBUTE_NAME = 50;
    static final int MAX_ATTRIBUTE_VALUE = 100;
    static final int MAX_FEATURED_POSITION = 1_000_000;
    static final int MAX_WEIGHT_GRAMS = 1_000_000;
    static final int MAX_STOCK = 1_000_000;
    /** One billion in major units (the public price filters' ceiling). */
    static final long MAX_PRICE_MINOR = 1_000_000_000_00L;

    static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");

    private ProductRules() {
    }

    /** A product that passed every rule; {@code slug} stays null when the client did not set one. */
    public record ValidProduct(String title, String slug, String description, UUID categoryId, ProductStatus status,
            boolean featured, Integer featuredPosition, String currency, List<ValidVariant> variants) {

        long lowestPrice() {
            return variants.stream().mapToLong(ValidVariant::priceMinor).min().orElseThrow();
        }
    }

    public record ValidVariant(UUID id, String sku, String title, long priceMinor, Long compareAtMinor,
            Integer weightGrams, Map<String, String> attributes, Integer stock) {
    }

    /** Product-level fields and, when {@code withVariants}, at least one valid variant in one currency. */
    static Checked<ValidProduct> product(ProductForm form, ProductStatus defaultStatus, boolean withVariants) {
        List<FieldViolation> errors = new ArrayList<>();
        String title = text(form.title(), "title", 1, MAX_TITLE, true, errors);
        String slug = form.slug() == null ? null : slug(form.slug(), "slug", errors);
        String description = text(form.description(), "description", 0, MAX_DESCRIPTION, false, errors);
        if (form.categoryId() == null) {
            errors.add(new FieldViolation("categoryId", "required", "is required"));
        }
        ProductStatus status = defaultStatus;
        if (form.status() != null) {
            try {
                status = ProductStatus.valueOf(form.status().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldViolation("status", "not_allowed", "must be DRAFT, ACTIVE or ARCHIVED"));
            }
        }
        if (status == null) {
            errors.add(new FieldViolation("status", "required", "is required"));
        }
        Integer position = form.featuredPosition();
        if (position != null && (position < 0 || position > MAX_FEATURED_POSITION)) {
            errors.add(new FieldViolation("featuredPosition", "out_of_range", "must be between 0 and " + MAX_FEATURED_POSITION));
        }
        List<ValidVariant> variants = List.of();
        String currency = null;
        if (withVariants) {
            List<VariantForm> forms = form.variants() == null ? List.of() : form.variants();
            if (forms.isEmpty() || forms.size() > MAX_VARIANTS) {
                errors.add(new FieldViolation("variants", "size", "must hold 1 to " + MAX_VARIANTS + " variants"));
            } else {
                variants = new ArrayList<>();
                Set<String> skus = new HashSet<>();
                Set<UUID> ids = new HashSet<>();
                for (int i = 0; i < forms.size(); i++) {
                    String field = "variants[" + i + "]";
                    VariantForm variant = forms.get(i);
                    if (variant == null) {
                        errors.add(new FieldViolation(field, "required", "must be an object"));
                        continue;
                    }
                    Checked<ValidVariant> checked = variant(variant, field + ".");
                    errors.addAll(checked.errors());
                    if (checked.value() == null) {
                        continue;
                    }
                    ValidVariant valid = checked.value();
                    String variantCurrency = variant.price().currency().trim().toUpperCase(Locale.ROOT);
                    if (currency == null) {
                        currency = variantCurrency;
                    } else if (!currency.equals(variantCurrency)) {
                        errors.add(new FieldViolation(field + ".price.currency", "currency_mismatch",
                                "every variant of a product is priced in one currency (" + currency + ")"));
                    }
                    if (!skus.add(valid.sku())) {
                        errors.add(new FieldViolation(field + ".sku", "repeated", "SKU appears twice in this product"));
                    }
                    if (valid.id() != null && !ids.add(valid.id())) {
                        errors.add(new FieldViolation(field + ".id", "repeated", "variant appears twice in this product"));
                    }
                    variants.add(valid);
                }
            }
        }
        if (!errors.isEmpty()) {
            return new Checked<>(null, errors);
        }
        return new Checked<>(new ValidProduct(title, slug, description == null ? "" : description, form.categoryId(),
                status, Boolean.TRUE.equals(form.featured()), position, currency, List.copyOf(variants)), List.of());
    }

    /** One variant; {@code prefix} names its place in the request ({@code variants[2].}). */
    static Checked<ValidVariant> variant(VariantForm form, String prefix) {
        List<FieldViolation> errors = new ArrayList<>();
        String sku = form.sku() == null ? null : form.sku().trim();
        if (sku == null || sku.isEmpty()) {
            errors.add(new FieldViolation(prefix + "sku", "required", "is required"));
        } else if (sku.length() > MAX_SKU || !SKU.matcher(sku).matches()) {
            errors.add(new FieldViolation(prefix + "sku", "malformed",
                    "must be 1-" + MAX_SKU + " letters, digits, '.', '_', '/' or '-', starting with a letter or digit"));
        }
        String title = text(form.title(), prefix + "title", 0, MAX_TITLE, false, errors);
        Long price = price(form.price(), prefix + "price", true, errors);
        Long compareAt = price(form.compareAtPrice(), prefix + "compareAtPrice", false, errors);
        if (price != null && compareAt != null) {
            if (!form.compareAtPrice().currency().trim().equalsIgnoreCase(form.price().currency().trim())) {
                errors.add(new FieldViolation(prefix + "compareAtPrice.currency", "currency_mismatch",
                        "must be the currency of the price"));
            } else if (compareAt < price) {
                errors.add(new FieldViolation(prefix + "compareAtPrice", "below_price",
                        "must not be below the price"));
            }
        }
        if (form.weightGrams() != null && (form.weightGrams() < 0 || form.weightGrams() > MAX_WEIGHT_GRAMS)) {
            errors.add(new FieldViolation(prefix + "weightGrams", "out_of_range", "must be between 0 and " + MAX_WEIGHT_GRAMS));
        }
        if (form.stock() != null && (form.stock() < 0 || form.stock() > MAX_STOCK)) {
            errors.add(new FieldViolation(prefix + "stock", "out_of_range", "must be between 0 and " + MAX_STOCK));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if (form.attributes() != null) {
            if (form.attributes().size() > MAX_ATTRIBUTES) {
                errors.add(new FieldViolation(prefix + "attributes", "size", "at most " + MAX_ATTRIBUTES + " attributes"));
            }
            form.attributes().forEach((name, value) -> {
                String key = name == null ? "" : name.trim();
                String text = value == null ? "" : value.trim();
                if (key.isEmpty() || key.length() > MAX_ATTRIBUTE_NAME) {
                    errors.add(new FieldViolation(prefix + "attributes", "malformed",
                            "names must be 1-" + MAX_ATTRIBUTE_NAME + " characters"));
                } else if (text.isEmpty() || text.length() > MAX_ATTRIBUTE_VALUE) {
                    errors.add(new FieldViolation(prefix + "attributes." + key, "length",
                            "must be 1-" + MAX_ATTRIBUTE_VALUE + " characters"));
                } else {
                    attributes.put(key, text);
                }
            });
        }
        if (!errors.isEmpty()) {
            return new Checked<>(null, errors);
        }
        return new Checked<>(new ValidVariant(form.id(), sku, title == null || title.isEmpty() ? "Default" : title,
                price, compareAt, form.weightGrams(), Map.copyOf(attributes), form.stock()), List.of());
    }

    /**
     * A price in minor units: whole, not negative, not absurd, in an ISO 4217 currency that has minor
     * units ({@link Currency#getDefaultFractionDigits()} is -1 for gold, test and "no currency" codes).
     */
    static Long price(PriceForm form, String field, boolean required, List<FieldViolation> errors) {
        if (form == null) {
            if (required) {
                errors.add(new FieldViolation(field, "required", "is required"));
            }
            return null;
        }
        boolean ok = true;
        String code = form.currency() == null ? null : form.currency().trim().toUpperCase(Locale.ROOT);
        if (fractionDigits(code) < 0) {
            errors.add(new FieldViolation(field + ".currency", "unknown_currency",
                    "must be an ISO 4217 currency with minor units"));
            ok = false;
        }
        BigDecimal amount = form.amountMinor();
        if (amount == null) {
            errors.add(new FieldViolation(field + ".amountMinor", "required", "is required"));
            return null;
        }
        if (amount.signum() != 0 && amount.stripTrailingZeros().scale() > 0) {
            String hint = ok ? " (" + code + " has " + fractionDigits(code) + " decimal places: "
                    + example(code) + ")" : "";
            errors.add(new FieldViolation(field + ".amountMinor", "not_whole",
                    "must be a whole number of minor units" + hint));
            return null;
        }
        if (amount.signum() < 0 || amount.compareTo(BigDecimal.valueOf(MAX_PRICE_MINOR)) > 0) {
            errors.add(new FieldViolation(field + ".amountMinor", "out_of_range",
                    "must be between 0 and " + MAX_PRICE_MINOR));
            return null;
        }
        return ok ? amount.longValueExact() : null;
    }

    /** Decimal places of the currency's minor unit, or -1 for an unknown code or one without minor units. */
    public static int fractionDigits(String code) {
        if (code == null || code.length() != 3) {
            return -1;
        }
        try {
            return Currency.getInstance(code).getDefaultFractionDigits();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static String example(String code) {
        int digits = fractionDigits(code);
        return digits == 0 ? "1999 is 1999 " + code
                : "19." + "99".substring(0, Math.min(2, digits)) + "0".repeat(Math.max(0, digits - 2)) + " " + code
                        + " is " + new BigDecimal("19.99").movePointRight(digits).toBigInteger();
    }

    /** Trimmed text within length bounds; null when absent (reported when required). */
    private static String text(String value, String field, int min, int max, boolean required, List<FieldViolation> errors) {
        String text = value == null ? null : value.trim();
        if (text == null || (required && text.isEmpty())) {
            if (required) {
                errors.add(new FieldViolation(field, "required", "is required"));
            }
            return text;
        }
        if (text.length() < min || text.length() > max) {
            errors.add(new FieldViolation(field, "length", "must be " + min + " to " + max + " characters"));
        }
        return text;
    }

    static String slug(String value, String field, List<FieldViolation> errors) {
        String slug = value.trim();
        if (slug.isEmpty() || slug.length() > MAX_SLUG || !SLUG.matcher(slug).matches() || Ids.parseOrNull(slug) != null) {
            errors.add(new FieldViolation(field, "malformed", "must be 1-" + MAX_SLUG
                    + " lower-case letters and digits in words joined by single dashes, and not look like an id"));
            return null;
        }
        return slug;
    }

    /** A checked value, or null with the reasons it was refused. */
    record Checked<T>(T value, List<FieldViolation> errors) {

        /** The value when the rules hold, else the request is refused with every violation. */
        T orThrow() {
            if (!errors.isEmpty()) {
                throw new CatalogErrors.InvalidBody(errors);
            }
            return value;
        }
    }
}

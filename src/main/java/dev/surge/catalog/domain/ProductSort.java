package dev.surge.catalog.domain;

/** Orders a product list may take; the string form is the {@code sort} query value. */
public enum ProductSort {
    NEWEST("newest"), PRICE_ASC("price_asc"), PRICE_DESC("price_desc"), RELEVANCE("relevance"),
    /** Best average rating of published reviews first (unrated last), then newest. */
    RATING("rating");

    private final String value;

    ProductSort(String value) {
        this.value = value;
    }

    @Override
    public String toString() {
        return value;
    }
}

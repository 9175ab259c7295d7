package dev.surge.catalog.domain;

/**
 * An upload as the web layer parsed it: the file's bytes (not yet trusted to be an image), its alt text
 * and where it goes in the product's gallery ({@code null}: last).
 */
public record NewImage(byte[] content, String alt, Integer position) {
}

package dev.surge.catalog.domain;

public record ProductImage(String url, String alt) {
}

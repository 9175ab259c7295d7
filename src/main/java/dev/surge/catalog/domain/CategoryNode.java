package dev.surge.catalog.domain;

import java.util.List;
import java.util.UUID;

/** A category with its sub-categories, in display order. */
public record CategoryNode(UUID id, String slug, String name, List<CategoryNode> children) {
}

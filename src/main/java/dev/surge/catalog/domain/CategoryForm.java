package dev.surge.catalog.domain;

import java.util.UUID;

/**
 * A category as an admin describes it (create, or the result of a merge patch).
 *
 * @param parentId null for a root category
 * @param slug     null derives one from the name on create, and keeps the current one on update
 * @param position display order among its siblings; null puts a new category last
 */
public record CategoryForm(String name, String slug, UUID parentId, Integer position) {
}

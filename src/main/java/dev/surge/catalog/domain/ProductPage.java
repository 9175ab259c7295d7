package dev.surge.catalog.domain;

import java.util.UUID;

/**
 * A product page ready to send: its JSON exactly as served, and the strong {@code ETag} of those bytes.
 * Serialised once when the page is built from the database, then kept and served as bytes, so a cached
 * product page is never parsed and serialised again per request.
 *
 * @param id   the product's id
 * @param slug the product's slug (the cache checks a slug look-up against it)
 * @param etag the quoted strong entity tag of {@code json}
 * @param json the page, UTF-8 JSON of {@link ProductDetail}
 */
public record ProductPage(UUID id, String slug, String etag, byte[] json) {
}

package dev.surge.catalog.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * An image of a product. On a product page every field is set except {@code thumbnails}, which stays
 * absent until the thumbnail consumer has made them (the original {@code url} is usable at once); in
 * product lists only {@code url} and {@code alt} of the first image are given.
 *
 * @param position   0-based place in the product's gallery
 * @param thumbnails smaller copies, smallest first; an empty list when none could be made
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductImage(UUID id, String url, String alt, Integer position, List<Thumbnail> thumbnails) {

    public ProductImage(String url, String alt) {
        this(null, url, alt, null, null);
    }

    /** @param size the longest side it was made for; {@code width}/{@code height} are its real pixels */
    public record Thumbnail(int size, String url, int width, int height) {
    }
}

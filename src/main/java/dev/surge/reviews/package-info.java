/**
 * Product reviews and ratings: a buyer whose order line of a product was delivered may review that product
 * once (a rating of 1 to 5, a title and a text); a review waits for moderation (administrators, or the sellers of
 * the product's merchant) and is shown once published. Its author may edit it (it waits for moderation again) or
 * delete it.
 * <p>
 * Invariants: one review per product and author (a unique constraint); the catalog's running count and sum of a
 * product's published reviews ({@link dev.surge.catalog.CatalogRatings}) move in the transaction that changes a
 * review's status, by the review's own contribution before and after, under the review's row lock, so they equal
 * the published reviews at every commit and are never recomputed on a read. Title and text are plain text: stored
 * as given (control characters removed) and sent only as JSON strings, never as HTML.
 * <p>
 * A separate module and not part of the catalog because it asks orders whether the buyer received the product,
 * and orders already depend on the catalog.
 */
@ApplicationModule(displayName = "Reviews", allowedDependencies = {"platform", "catalog", "orders", "identity"})
package dev.surge.reviews;

import org.springframework.modulith.ApplicationModule;

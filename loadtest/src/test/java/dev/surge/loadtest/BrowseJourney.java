package dev.surge.loadtest;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An anonymous shopper on the storefront, as one Gatling chain that {@link BrowseSimulation} runs alone
 * and {@link MixedSimulation} mixes with carts and checkouts.
 *
 * <p>Journey, pausing {@code thinkMin}-{@code thinkMax} between steps:
 *
 * <ol>
 *   <li>home: the newest products ({@code GET /api/v1/products}), the featured ones, the category tree
 *   <li>a category page in a random sort order, then its next page when there is one
 *   <li>a search for a title word of the demo catalog with facets ({@code typoRatio} of them with one
 *       letter dropped), then the same search narrowed by an attribute value from its facets
 *       ({@code attr.<key>=<value>}), {@code inStock=true}, a price range and {@code sort=price_asc}
 *   <li>1-3 product pages, by id or slug among the products listed so far
 * </ol>
 *
 * <p>Every answer must be 200 with the fields the shopper reads.
 */
final class BrowseJourney {

  private BrowseJourney() {}

  static final String REQ_NEWEST = "home newest";
  static final String REQ_FEATURED = "home featured";
  static final String REQ_CATEGORIES = "categories";
  static final String REQ_CATEGORY = "category page";
  static final String REQ_CATEGORY_NEXT = "category next page";
  static final String REQ_SEARCH = "search";
  static final String REQ_FILTERED = "filtered search";
  static final String REQ_DETAIL = "product detail";

  /** Every request of the journey, for per-request assertions. */
  static final List<String> REQUESTS = List.of(REQ_NEWEST, REQ_FEATURED, REQ_CATEGORIES, REQ_CATEGORY,
      REQ_CATEGORY_NEXT, REQ_SEARCH, REQ_FILTERED, REQ_DETAIL);

  /** Title words of the demo catalog: nouns of each category, and adjectives (up to 1 title in 20). */
  static final List<String> WORDS = List.of("headphones", "earbuds", "speaker", "laptop", "smartphone", "camera",
      "kettle", "blender", "armchair", "bookshelf", "lamp", "jacket", "sweater", "dress", "coat", "sneakers",
      "boots", "backpack", "wallet", "sunglasses", "tent", "kettlebell", "helmet", "serum", "cologne", "novel",
      "puzzle", "coffee", "granola", "wireless", "premium", "vintage", "waterproof", "portable", "leather");

  static final List<String> SORTS = List.of("newest", "price_asc", "price_desc");
  static final int PAGE_SIZE = 20;

  // Session keys (prefixed, so the chain can share a session with others in MixedSimulation).
  private static final String SEEN = "browse_seen";
  private static final String PAGE_IDS = "browse_pageIds";
  private static final String CATEGORY = "browse_category";
  private static final String SORT = "browse_sort";
  private static final String CURSOR = "browse_cursor";
  private static final String FOUND_CURSOR = "browse_foundCursor";
  private static final String QUERY = "browse_q";
  private static final String ATTRIBUTE = "browse_attribute";
  private static final String ATTR_PARAM = "browse_attrParam";
  private static final String ATTR_VALUE = "browse_attrValue";
  private static final String PRODUCT = "browse_product";

  static ChainBuilder journey(int thinkMinMs, int thinkMaxMs, double typoRatio) {
    ChainBuilder think = pause(Duration.ofMillis(thinkMinMs), Duration.ofMillis(thinkMaxMs));
    return exec(session -> session.removeAll(SEEN, PAGE_IDS, CATEGORY, CURSOR, FOUND_CURSOR, QUERY, ATTRIBUTE))
        .exec(home())
        .exitHereIfFailed()
        .exec(think)
        .exec(categoryPages(think))
        .exec(think)
        .exec(search(think, typoRatio))
        .exec(think)
        .exec(productPages(think));
  }

  private static ChainBuilder home() {
    return exec(
        http(REQ_NEWEST)
            .get("/api/v1/products")
            .queryParam("limit", PAGE_SIZE)
            .check(status().is(200), jmesPath("items[*].id").ofList().saveAs(PAGE_IDS)),
        remember(),
        http(REQ_FEATURED)
            .get("/api/v1/products/featured")
            .queryParam("limit", 12)
            .check(status().is(200), jmesPath("items[*].id").ofList().saveAs(PAGE_IDS)),
        remember(),
        http(REQ_CATEGORIES)
            .get("/api/v1/categories")
            .check(status().is(200), jsonPath("$..slug").findRandom().name("category slug").saveAs(CATEGORY)));
  }

  private static ChainBuilder categoryPages(ChainBuilder think) {
    return exec(session -> session.set(SORT, random(SORTS)).remove(CURSOR))
        .exec(listPage(REQ_CATEGORY))
        .doIf(session -> session.contains(CURSOR))
        .then(think.exec(listPage(REQ_CATEGORY_NEXT)));
  }

  /** A page of the user's category in its sort order, from its cursor when it has one. */
  private static ChainBuilder listPage(String name) {
    return exec(
            http(name)
                .get("/api/v1/products")
                .queryParamMap(session -> {
                  Map<String, Object> params = new LinkedHashMap<>();
                  params.put("category", session.getString(CATEGORY));
                  params.put("sort", session.getString(SORT));
                  params.put("limit", PAGE_SIZE);
                  if (session.contains(CURSOR)) {
                    params.put("cursor", session.getString(CURSOR));
                  }
                  return params;
                })
                .check(
                    status().is(200),
                    jmesPath("items[*].id").ofList().saveAs(PAGE_IDS),
                    jmesPath("nextCursor").ofString().optional().saveAs(FOUND_CURSOR)))
        .exec(remember())
        .exec(BrowseJourney::takeCursor);
  }

  private static ChainBuilder search(ChainBuilder think, double typoRatio) {
    return exec(session -> {
          String word = random(WORDS);
          boolean typo = ThreadLocalRandom.current().nextDouble() < typoRatio;
          return session.set(QUERY, typo ? dropOneLetter(word) : word).remove(ATTRIBUTE);
        })
        .exec(
            http(REQ_SEARCH)
                .get("/api/v1/search")
                .queryParam("q", "#{" + QUERY + "}")
                .queryParam("limit", PAGE_SIZE)
                .queryParam("facets", true)
                .check(
                    status().is(200),
                    jmesPath("items[*].id").ofList().saveAs(PAGE_IDS),
                    jsonPath("$.facets.attributes[*]").ofMap().findRandom().optional().saveAs(ATTRIBUTE)))
        .exec(remember())
        .doIf(session -> session.contains(ATTRIBUTE))
        .then(think
            .exec(session -> {
              Map<String, Object> attribute = session.getMap(ATTRIBUTE);
              @SuppressWarnings("unchecked")
              List<Map<String, Object>> values = (List<Map<String, Object>>) attribute.get("values");
              return session
                  .set(ATTR_PARAM, "attr." + attribute.get("key"))
                  .set(ATTR_VALUE, String.valueOf(random(values).get("value")));
            })
            .exec(
                http(REQ_FILTERED)
                    .get("/api/v1/search")
                    .queryParamMap(session -> {
                      Map<String, Object> params = new LinkedHashMap<>();
                      params.put("q", session.getString(QUERY));
                      params.put(session.getString(ATTR_PARAM), session.getString(ATTR_VALUE));
                      params.put("inStock", true);
                      params.put("minPrice", 500);
                      params.put("maxPrice", 100_000);
                      params.put("sort", "price_asc");
                      params.put("limit", PAGE_SIZE);
                      return params;
                    })
                    .check(status().is(200), jmesPath("items[*].id").ofList().saveAs(PAGE_IDS)))
            .exec(remember()));
  }

  private static ChainBuilder productPages(ChainBuilder think) {
    return doIf(session -> !list(session, SEEN).isEmpty())
        .then(
            repeat(session -> ThreadLocalRandom.current().nextInt(1, 4))
                .on(
                    exec(session -> session.set(PRODUCT, random(list(session, SEEN))))
                        .exec(
                            http(REQ_DETAIL)
                                .get("/api/v1/products/#{" + PRODUCT + "}")
                                .check(
                                    status().is(200),
                                    jmesPath("id").ofString().exists(),
                                    jmesPath("variants").ofList().exists()))
                        .exec(think)));
  }

  /** Adds the ids of the last list to those seen (at most 200 kept). */
  private static ChainBuilder remember() {
    return exec(session -> {
      List<Object> seen = new ArrayList<>(list(session, SEEN));
      seen.addAll(list(session, PAGE_IDS));
      if (seen.size() > 200) {
        seen = new ArrayList<>(seen.subList(seen.size() - 200, seen.size()));
      }
      return session.set(SEEN, seen).remove(PAGE_IDS);
    });
  }

  /** An optional check that finds nothing keeps the old value: never reuse a cursor. */
  private static Session takeCursor(Session session) {
    String cursor = session.contains(FOUND_CURSOR) ? session.getString(FOUND_CURSOR) : null;
    Session s = session.removeAll(CURSOR, FOUND_CURSOR);
    return cursor == null || cursor.isEmpty() ? s : s.set(CURSOR, cursor);
  }

  static List<Object> list(Session session, String key) {
    return session.contains(key) ? session.getList(key) : Collections.emptyList();
  }

  static <T> T random(List<T> list) {
    return list.get(ThreadLocalRandom.current().nextInt(list.size()));
  }

  /** Drops one letter, never the first (typo-tolerant search anchors on it). */
  static String dropOneLetter(String word) {
    int i = ThreadLocalRandom.current().nextInt(1, word.length());
    return word.substring(0, i) + word.substring(i + 1);
  }
}

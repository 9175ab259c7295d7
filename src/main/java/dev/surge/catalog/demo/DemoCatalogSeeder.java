package dev.surge.catalog.demo;

import dev.surge.catalog.demo.DemoCatalogData.Leaf;
import dev.surge.catalog.demo.DemoCatalogData.Options;
import dev.surge.catalog.demo.DemoCatalogData.Root;
import dev.surge.platform.persistence.Ids;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Fills the catalog with a realistic demo: merchants, a two-level category tree, products with
 * variants (options, prices, stock) and images. It tops the catalog up to {@code surge.demo.products}
 * and does nothing when it already holds that many. Rows go in as arrays through {@code unnest}, a few
 * thousand per statement, which is what makes 100,000 products take seconds rather than minutes.
 */
@Component
class DemoCatalogSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogSeeder.class);
    static final int CHUNK = 2_000;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final DemoProperties properties;

    DemoCatalogSeeder(DatabaseClient db, TransactionalOperator tx, DemoProperties properties) {
        this.db = db;
        this.tx = tx;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedOnStartup() {
        if (properties.products() <= 0) {
            return;
        }
        long started = System.nanoTime();
        seed(properties.products()).subscribe(
                added -> log.info("Demo catalog: added {} products in {} ms (target {})", added,
                        (System.nanoTime() - started) / 1_000_000, properties.products()),
                error -> log.error("Demo catalog seeding failed", error));
    }

    /** Tops the catalog up to {@code target} products; emits how many it added. */
    Mono<Long> seed(int target) {
        return db.sql("SELECT count(*) AS n FROM products").map(row -> row.get("n", Long.class)).one()
                .flatMap(existing -> {
                    long missing = target - existing;
                    if (missing <= 0) {
                        return Mono.just(0L);
                    }
                    return Mono.zip(categories(), merchants(target))
                            .flatMap(refs -> Flux.range(0, (int) ((missing + CHUNK - 1) / CHUNK))
                                    .flatMap(chunk -> insertChunk(refs.getT1(), refs.getT2(),
                                            new Random(properties.seed() + existing + chunk),
                                            (int) Math.min(CHUNK, missing - (long) chunk * CHUNK)), 2)
                                    .reduce(0L, Long::sum))
                            // Fresh statistics, or the planner picks whole-table plans until autovacuum runs.
                            .flatMap(added -> db.sql("ANALYZE merchants, categories, products, product_variants, "
                                    + "product_images, search_lexicon").then().thenReturn(added));
                });
    }

    private record LeafRef(UUID id, Leaf leaf) {
    }

    private record MerchantRef(UUID id, String code, String currency) {
    }

    private Mono<List<LeafRef>> categories() {
        return Flux.fromIterable(DemoCatalogData.TREE).index()
                .concatMap(root -> upsertCategory(null, root.getT2().name(), root.getT1().intValue())
                        .flatMapMany(rootId -> Flux.fromIterable(root.getT2().leaves()).index()
                                .concatMap(leaf -> upsertCategory(rootId, leaf.getT2().name(), leaf.getT1().intValue())
                                        .map(id -> new LeafRef(id, leaf.getT2())))))
                .collectList();
    }

    private Mono<UUID> upsertCategory(UUID parent, String name, int position) {
        String slug = slug(name);
        return db.sql("""
                INSERT INTO categories (id, parent_id, slug, name, position) VALUES (:id, :parent, :slug, :name, :position)
                ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name
                RETURNING id""")
                .bind("id", Ids.newId())
                .bind("parent", parent == null ? io.r2dbc.spi.Parameters.in(UUID.class) : parent)
                .bind("slug", slug)
                .bind("name", name)
                .bind("position", position)
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    private Mono<List<MerchantRef>> merchants(int target) {
        int count = Math.max(3, Math.min(500, target / 200));
        Random random = new Random(properties.seed());
        return Flux.range(0, count)
                .concatMap(i -> {
                    String name = DemoCatalogData.BRANDS.get(i % DemoCatalogData.BRANDS.size()) + " "
                            + DemoCatalogData.MERCHANT_SUFFIXES.get(random.nextInt(DemoCatalogData.MERCHANT_SUFFIXES.size()))
                            + (i >= DemoCatalogData.BRANDS.size() ? " " + (i / DemoCatalogData.BRANDS.size() + 1) : "");
                    String currency = i % 10 == 8 ? "EUR" : i % 10 == 9 ? "GBP" : "USD";
                    return db.sql("""
                            INSERT INTO merchants (id, slug, name) VALUES (:id, :slug, :name)
                            ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name
                            RETURNING id""")
                            .bind("id", Ids.newId())
                            .bind("slug", "demo-" + i)
                            .bind("name", name)
                            .map(row -> new MerchantRef(row.get("id", UUID.class), "D" + i, currency))
                            .one();
                })
                .collectList();
    }

    private Mono<Long> insertChunk(List<LeafRef> leaves, List<MerchantRef> merchants, Random random, int size) {
        Rows products = new Rows();
        Rows variants = new Rows();
        Rows images = new Rows();
        for (int i = 0; i < size; i++) {
            LeafRef leaf = pick(random, leaves);
            MerchantRef merchant = pick(random, merchants);
            UUID id = Ids.newId();
            String brand = pick(random, DemoCatalogData.BRANDS);
            String adjective = pick(random, DemoCatalogData.ADJECTIVES);
            String noun = pick(random, leaf.leaf().nouns());
            String title = brand + " " + adjective + " " + noun
                    + (random.nextInt(10) < 3 ? " " + (char) ('A' + random.nextInt(26)) + (100 + random.nextInt(900)) : "");
            String suffix = id.toString().substring(24);
            String slug = slug(title) + "-" + suffix;
            long base = roundPrice(leaf.leaf().minPrice()
                    + (long) (random.nextDouble() * (leaf.leaf().maxPrice() - leaf.leaf().minPrice())));
            List<String> options = options(leaf.leaf().options(), random);
            long lowest = Long.MAX_VALUE;
            for (int v = 0; v < options.size(); v++) {
                String option = options.get(v);
                long price = roundPrice(base + (long) v * base / 10);
                lowest = Math.min(lowest, price);
                variants.add("id", Ids.newId()).add("product", id)
                        .add("sku", merchant.code() + "-" + suffix.toUpperCase(Locale.ROOT) + "-" + (v + 1))
                        .add("title", option == null ? "Default" : option)
                        .add("price", price).add("currency", merchant.currency())
                        .add("attributes", attributes(leaf.leaf().options(), option))
                        .add("stock", random.nextInt(100) < 12 ? 0 : 1 + random.nextInt(200))
                        .add("position", v);
            }
            int imageCount = 1 + random.nextInt(3);
            for (int n = 0; n < imageCount; n++) {
                images.add("id", Ids.newId()).add("product", id)
                        .add("url", "https://images.example.com/demo/" + slug + "/" + (n + 1) + ".jpg")
                        .add("alt", title + ", view " + (n + 1)).add("position", n);
            }
            products.add("id", id).add("merchant", merchant.id()).add("category", leaf.id()).add("slug", slug)
                    .add("title", title)
                    .add("description", "The " + brand + " " + adjective.toLowerCase(Locale.ROOT) + " "
                            + noun.toLowerCase(Locale.ROOT) + " is made for " + pick(random, DemoCatalogData.USES)
                            + ". " + pick(random, DemoCatalogData.FEATURES) + ".")
                    .add("featured", random.nextInt(100) < 2)
                    .add("price", lowest).add("currency", merchant.currency());
        }
        return db.sql("""
                        INSERT INTO products (id, merchant_id, category_id, slug, title, description, featured,
                                              price_minor, currency)
                        SELECT * FROM unnest(CAST(:id AS uuid[]), CAST(:merchant AS uuid[]), CAST(:category AS uuid[]),
                                             CAST(:slug AS text[]), CAST(:title AS text[]), CAST(:description AS text[]),
                                             CAST(:featured AS boolean[]), CAST(:price AS bigint[]),
                                             CAST(:currency AS text[]))""")
                .bindValues(products.arrays())
                .fetch().rowsUpdated()
                .then(db.sql("""
                        INSERT INTO product_variants (id, product_id, sku, title, price_minor, currency, attributes,
                                                      stock_on_hand, position)
                        SELECT id, product_id, sku, title, price_minor, currency, attributes::jsonb, stock, position
                        FROM unnest(CAST(:id AS uuid[]), CAST(:product AS uuid[]), CAST(:sku AS text[]),
                                    CAST(:title AS text[]), CAST(:price AS bigint[]), CAST(:currency AS text[]),
                                    CAST(:attributes AS text[]), CAST(:stock AS int[]), CAST(:position AS int[]))
                             AS v(id, product_id, sku, title, price_minor, currency, attributes, stock, position)""")
                        .bindValues(variants.arrays())
                        .fetch().rowsUpdated())
                .then(db.sql("""
                        INSERT INTO product_images (id, product_id, url, alt, position)
                        SELECT * FROM unnest(CAST(:id AS uuid[]), CAST(:product AS uuid[]), CAST(:url AS text[]),
                                             CAST(:alt AS text[]), CAST(:position AS int[]))""")
                        .bindValues(images.arrays())
                        .fetch().rowsUpdated())
                .thenReturn((long) size)
                .as(tx::transactional);
    }

    private static List<String> options(Options kind, Random random) {
        List<String> all = switch (kind) {
            case COLOR -> DemoCatalogData.COLORS;
            case SIZE -> DemoCatalogData.SIZES;
            case SHOE_SIZE -> DemoCatalogData.SHOE_SIZES;
            case STORAGE -> DemoCatalogData.STORAGE;
            case VOLUME -> DemoCatalogData.VOLUMES;
            case WEIGHT -> DemoCatalogData.WEIGHTS;
            case NONE -> null;
        };
        if (all == null) {
            List<String> single = new ArrayList<>();
            single.add(null);
            return single;
        }
        int count = 1 + random.nextInt(Math.min(4, all.size()));
        int start = random.nextInt(all.size() - count + 1);
        return all.subList(start, start + count);
    }

    private static String attributes(Options kind, String option) {
        if (option == null) {
            return "{}";
        }
        String key = switch (kind) {
            case COLOR -> "color";
            case SIZE, SHOE_SIZE -> "size";
            case STORAGE -> "storage";
            case VOLUME -> "volume";
            case WEIGHT -> "weight";
            case NONE -> "option";
        };
        return "{\"" + key + "\":\"" + option + "\"}";
    }

    /** Prices end in 99 minor units, as shop prices do. */
    private static long roundPrice(long minor) {
        return Math.max(99, (minor / 100) * 100 + 99);
    }

    static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Column-wise collection of rows, bound as one array per column. */
    private static final class Rows {

        private final Map<String, List<Object>> columns = new java.util.LinkedHashMap<>();

        Rows add(String column, Object value) {
            columns.computeIfAbsent(column, k -> new ArrayList<>()).add(value);
            return this;
        }

        Map<String, Object> arrays() {
            Map<String, Object> arrays = new HashMap<>();
            columns.forEach((name, values) -> arrays.put(name, toArray(values)));
            return arrays;
        }

        private static Object toArray(List<Object> values) {
            Object first = values.get(0);
            if (first instanceof UUID) {
                return values.toArray(UUID[]::new);
            }
            if (first instanceof Long) {
                return values.toArray(Long[]::new);
            }
            if (first instanceof Integer) {
                return values.toArray(Integer[]::new);
            }
            if (first instanceof Boolean) {
                return values.toArray(Boolean[]::new);
            }
            return values.toArray(String[]::new);
        }
    }
}

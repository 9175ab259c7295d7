package dev.surge.catalog;

import dev.surge.catalog.data.ListingCache;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.catalog.CatalogFixtures.Merchant;
import dev.surge.catalog.CatalogFixtures.Product;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventMetadata;
import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Product images over HTTP: upload checks (type by bytes, size, who may), thumbnails made by the event
 * consumer, files served with immutable caching, alt text, order and delete.
 */
class ProductMediaIntegrationTests extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final Path MEDIA = Path.of("target/test-media");

    @Autowired
    DatabaseClient db;

    @Autowired
    ListingCache listingCache;
    @Autowired
    AccessTokens tokens;
    @Autowired
    ApplicationContext context;
    @Autowired
    TransactionalOperator tx;

    CatalogFixtures fixtures;
    Merchant merchant;
    Product product;
    String seller;

    @BeforeEach
    void setUp() {
        fixtures = new CatalogFixtures(db, listingCache);
        merchant = fixtures.merchant();
        UUID category = fixtures.category(null, CatalogFixtures.unique("media"));
        product = fixtures.product(merchant, category, "Camera Bag", 12_900, 3, false);
        seller = token("SELLER", merchant.id());
        http = http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
    }

    @Test
    void aPngUploadShowsAtOnceAndGetsBothThumbnails() throws IOException {
        byte[] png = image(1600, 1200, "png", false);
        Map<String, Object> image = upload(seller, product.id(), png, "photo.png", "Front view", null)
                .expectStatus().isCreated()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(image).containsEntry("alt", "Front view").containsEntry("position", 1).doesNotContainKey("thumbnails");
        String url = (String) image.get("url");
        assertThat(url).endsWith(".png").contains("/media/products/" + product.id() + "/");

        // The original is served at once, byte for byte, cacheable forever.
        EntityExchangeResult<byte[]> original = http.get().uri(path(url)).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.IMAGE_PNG)
                .expectBody(byte[].class).returnResult();
        assertThat(original.getResponseBody()).isEqualTo(png);
        assertThat(original.getResponseHeaders().getCacheControl())
                .contains("max-age=31536000").contains("public").contains("immutable");

        // The product page lists it after the fixture's image; thumbnails arrive once the consumer made them.
        List<Map<String, Object>> thumbnails = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> thumbnailsOf(product.id(), (String) image.get("id")), list -> list != null);
        assertThat(thumbnails).extracting(t -> t.get("size")).containsExactly(200, 800);
        assertThat(thumbnails).extracting(t -> t.get("width")).containsExactly(200, 800);
        assertThat(thumbnails).extracting(t -> t.get("height")).containsExactly(150, 600);
        for (Map<String, Object> thumbnail : thumbnails) {
            BufferedImage decoded = fetchImage((String) thumbnail.get("url"), MediaType.IMAGE_JPEG);
            assertThat(decoded.getWidth()).isEqualTo(thumbnail.get("width"));
            assertThat(decoded.getHeight()).isEqualTo(thumbnail.get("height"));
        }
        List<Map<String, Object>> images = images(product.id());
        assertThat(images).hasSize(2);
        assertThat(images.get(1)).containsEntry("id", image.get("id")).containsEntry("url", url);
    }

    @Test
    void jpegAndWebpAreAcceptedAndThumbnailedWithoutUpscaling() throws IOException {
        Map<String, Object> jpeg = upload(seller, product.id(), image(900, 1200, "jpeg", false), "a.jpg", null, 0)
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        assertThat((String) jpeg.get("url")).endsWith(".jpg");
        assertThat(jpeg).containsEntry("position", 0).containsEntry("alt", "");

        byte[] webp;
        try (InputStream in = getClass().getResourceAsStream("/catalog/media/product-320x240.webp")) {
            webp = in.readAllBytes();
        }
        // The name and declared type are ignored: the bytes say WebP.
        Map<String, Object> stored = upload(seller, product.id(), webp, "picture.bin", "Side", null)
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        assertThat((String) stored.get("url")).endsWith(".webp");
        fetchRaw((String) stored.get("url"), MediaType.parseMediaType("image/webp"));

        List<Map<String, Object>> jpegThumbs = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> thumbnailsOf(product.id(), (String) jpeg.get("id")), list -> list != null);
        assertThat(jpegThumbs).extracting(t -> List.of(t.get("width"), t.get("height")))
                .containsExactly(List.of(150, 200), List.of(600, 800));
        List<Map<String, Object>> webpThumbs = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> thumbnailsOf(product.id(), (String) stored.get("id")), list -> list != null);
        assertThat(webpThumbs).extracting(t -> List.of(t.get("width"), t.get("height")))
                .containsExactly(List.of(200, 150), List.of(320, 240));
        BufferedImage small = fetchImage((String) webpThumbs.get(0).get("url"), MediaType.IMAGE_JPEG);
        assertThat(small.getWidth()).isEqualTo(200);
    }

    @Test
    void transparentImagesKeepTheirAlphaInPngThumbnails() throws IOException {
        Map<String, Object> image = upload(seller, product.id(), image(400, 400, "png", true), "logo.png", "Logo", null)
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        List<Map<String, Object>> thumbnails = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> thumbnailsOf(product.id(), (String) image.get("id")), list -> list != null);
        BufferedImage small = fetchImage((String) thumbnails.get(0).get("url"), MediaType.IMAGE_PNG);
        assertThat(small.getColorModel().hasAlpha()).isTrue();
        assertThat(small.getWidth()).isEqualTo(200);
    }

    @Test
    void aTextFileNamedPngIsRefusedWith415AndNothingIsKept() {
        byte[] text = "just some words, not an image\n".repeat(20).getBytes(StandardCharsets.UTF_8);
        upload(seller, product.id(), text, "photo.png", "x", null)
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unsupported_image_type");
        assertThat(images(product.id())).hasSize(1);
        assertThat(Files.exists(MEDIA.resolve("products/" + product.id()))).isFalse();
    }

    @Test
    void aFileOverTheLimitIsRefusedWith413() {
        byte[] big = new byte[3 * 1024 * 1024 + 100];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(signature, 0, big, 0, signature.length);
        upload(seller, product.id(), big, "huge.png", null, null)
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("image_too_large");
        // Far over: refused by the route's body limit before the multipart parser sees it.
        upload(seller, product.id(), new byte[4 * 1024 * 1024], "huger.png", null, null)
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody().jsonPath("$.code").isEqualTo("payload_too_large");
        // The platform's 1 MB limit does not apply to this route: 2 MB is fine.
        upload(seller, product.id(), paddedPng(2 * 1024 * 1024), "big.png", null, null)
                .expectStatus().isCreated();
        assertThat(images(product.id())).hasSize(2);
    }

    @Test
    void onlyTheMerchantsSellersAndAdminsMayUpload() throws IOException {
        byte[] png = image(40, 30, "png", false);
        upload(null, product.id(), png, "a.png", null, null).expectStatus().isUnauthorized();
        upload(token("CUSTOMER", null), product.id(), png, "a.png", null, null)
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("forbidden");
        upload(token("SELLER", fixtures.merchant().id()), product.id(), png, "a.png", null, null)
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("product_not_found");
        upload(seller, UUID.randomUUID(), png, "a.png", null, null).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        upload(seller, product.id(), png, "a.png", "x".repeat(501), null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("alt");
        http.post().uri("/api/v1/products/" + product.id() + "/images").headers(h -> h.setBearerAuth(seller))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("url", "x")).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(images(product.id())).hasSize(1);

        upload(token("ADMIN", null), product.id(), png, "a.png", "By an admin", null).expectStatus().isCreated();
        // The page read above is cached; the upload's ProductChanged event drops it.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(images(product.id())).hasSize(2));
    }

    @Test
    void altTextOrderAndDeleteWork() throws IOException {
        String first = (String) upload(seller, product.id(), image(60, 40, "png", false), "1.png", "One", null)
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody().get("id");
        Map<String, Object> second = upload(seller, product.id(), image(60, 40, "jpeg", false), "2.jpg", "Two", null)
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        String fixtureImage = (String) images(product.id()).get(0).get("id");

        patch(seller, product.id(), second.get("id"), Map.of("position", 0, "alt", "Two, now first"))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.position").isEqualTo(0).jsonPath("$.alt").isEqualTo("Two, now first");
        patch(seller, product.id(), first, Map.of("alt", "Only the alt")).expectStatus().isOk();
        patch(seller, product.id(), first, Map.of("position", -1)).expectStatus().isBadRequest();
        patch(seller, product.id(), first, Map.of()).expectStatus().isBadRequest();
        patch(token("CUSTOMER", null), product.id(), first, Map.of("alt", "no")).expectStatus().isForbidden();
        patch(token("SELLER", fixtures.merchant().id()), product.id(), first, Map.of("alt", "no")).expectStatus().isNotFound();
        patch(seller, product.id(), UUID.randomUUID(), Map.of("alt", "no")).expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("image_not_found");

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(images(product.id())).extracting(i -> i.get("id"), i -> i.get("alt"), i -> i.get("position"))
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(second.get("id"), "Two, now first", 0),
                                org.assertj.core.groups.Tuple.tuple(fixtureImage, "Camera Bag", 1),
                                org.assertj.core.groups.Tuple.tuple(first, "Only the alt", 2)));

        // Deleting removes the row, the original and its thumbnails.
        List<Map<String, Object>> thumbnails = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> thumbnailsOf(product.id(), (String) second.get("id")), list -> list != null);
        delete(token("CUSTOMER", null), product.id(), second.get("id")).expectStatus().isForbidden();
        delete(seller, product.id(), second.get("id")).expectStatus().isNoContent();
        delete(seller, product.id(), second.get("id")).expectStatus().isNotFound();
        http.get().uri(path((String) second.get("url"))).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        for (Map<String, Object> thumbnail : thumbnails) {
            http.get().uri(path((String) thumbnail.get("url"))).exchange().expectStatus().isNotFound();
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(images(product.id())).extracting(i -> i.get("id"), i -> i.get("position"))
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(fixtureImage, 0),
                                org.assertj.core.groups.Tuple.tuple(first, 1)));
        // An image Surge did not store (an external URL) is deleted as a row only.
        delete(seller, product.id(), fixtureImage).expectStatus().isNoContent();
    }

    @Test
    void aRedeliveredUploadEventChangesNothing() throws IOException {
        Map<String, Object> image = upload(seller, product.id(), image(500, 250, "png", false), "r.png", null, null)
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        List<Map<String, Object>> thumbnails = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> thumbnailsOf(product.id(), (String) image.get("id")), list -> list != null);
        long eventsBefore = productChangedEvents(product.id());

        @SuppressWarnings("unchecked")
        EventHandler<ProductImageUploaded> handler = context.getBeansOfType(EventHandler.class).values().stream()
                .filter(h -> h.name().equals("catalog.thumbnails")).findFirst().orElseThrow();
        UUID imageId = UUID.fromString((String) image.get("id"));
        String key = ((String) image.get("url")).substring(((String) image.get("url")).indexOf("/media/") + 7);
        handler.handle(new ProductImageUploaded(product.id(), imageId, key, "image/png"),
                        new EventMetadata(UUID.randomUUID(), "ProductImageUploaded", product.id().toString(), null))
                .as(tx::transactional).block(Duration.ofSeconds(30));

        assertThat(productChangedEvents(product.id())).isEqualTo(eventsBefore);
        assertThat(thumbnailsOf(product.id(), (String) image.get("id"))).isEqualTo(thumbnails);
        try (var files = Files.list(MEDIA.resolve("products/" + product.id()))) {
            assertThat(files.map(Path::getFileName).map(Path::toString).filter(name -> !name.startsWith(".")))
                    .hasSize(3);
        }
    }

    // ---- helpers

    private String token(String role, UUID merchantId) {
        return tokens.issue(UUID.randomUUID(), UUID.randomUUID(), role, merchantId).block().value();
    }

    /**
     * Sends the form as bytes written here, with a fixed boundary and a Content-Length: the client's own
     * multipart writer draws its boundary from SecureRandom on the event loop, which BlockHound (rightly)
     * refuses in the test JVM.
     */
    private WebTestClient.ResponseSpec upload(String token, UUID productId, byte[] content, String filename, String alt,
            Integer position) {
        String boundary = "surge-test-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        if (alt != null) {
            body.writeBytes(field(boundary, "alt", alt));
        }
        if (position != null) {
            body.writeBytes(field(boundary, "position", position.toString()));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        // Own connection: an upload refused before it is read leaves its connection unusable (see unpooledHttp).
        return unpooledHttp().post().uri("/api/v1/products/" + productId + "/images")
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .contentType(new MediaType(MediaType.MULTIPART_FORM_DATA, Map.of("boundary", boundary)))
                .bodyValue(body.toByteArray())
                .exchange();
    }

    private static byte[] field(String boundary, String name, String value) {
        return ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private WebTestClient.ResponseSpec patch(String token, UUID productId, Object imageId, Map<String, Object> body) {
        return http.patch().uri("/api/v1/products/" + productId + "/images/" + imageId)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec delete(String token, UUID productId, Object imageId) {
        return http.delete().uri("/api/v1/products/" + productId + "/images/" + imageId)
                .headers(h -> h.setBearerAuth(token)).exchange();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> images(UUID productId) {
        return (List<Map<String, Object>>) http.get().uri("/api/v1/products/" + productId).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody().get("images");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> thumbnailsOf(UUID productId, String imageId) {
        return images(productId).stream().filter(i -> imageId.equals(i.get("id"))).findFirst()
                .map(i -> (List<Map<String, Object>>) i.get("thumbnails")).orElse(null);
    }

    private long productChangedEvents(UUID productId) {
        return db.sql("SELECT count(*) AS n FROM outbox_events WHERE event_type = 'ProductChanged' AND event_key = :key")
                .bind("key", productId.toString()).map(row -> row.get("n", Long.class)).one().block();
    }

    private static String path(String url) {
        return URI.create(url).getPath();
    }

    private byte[] fetchRaw(String url, MediaType type) {
        return http.get().uri(path(url)).exchange().expectStatus().isOk()
                .expectHeader().contentType(type)
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("immutable"))
                .expectBody(byte[].class).returnResult().getResponseBody();
    }

    private BufferedImage fetchImage(String url, MediaType type) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(fetchRaw(url, type)));
    }

    /** A smooth gradient (compresses well, like a photo of a product on a plain background). */
    static byte[] image(int width, int height, String format, boolean alpha) throws IOException {
        BufferedImage image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB
                : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 200, alpha ? 40 : 255), width, height,
                new Color(240, 200, 40, 255)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    /** A real PNG followed by padding up to {@code size} bytes (decoders stop at IEND). */
    private static byte[] paddedPng(int size) {
        try {
            byte[] png = image(64, 64, "png", false);
            return Arrays.copyOf(png, Math.max(size, png.length));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

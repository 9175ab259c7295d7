package dev.surge.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.catalog.CatalogFixtures.Merchant;
import dev.surge.catalog.CatalogFixtures.Product;
import dev.surge.catalog.data.ListingCache;
import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * What a camera or a print shop puts in a JPEG does not reach the store: the EXIF (with its GPS position) is
 * gone from the original and the thumbnails, a photo taken sideways is shown upright, and CMYK and
 * progressive JPEGs are accepted and thumbnailed.
 */
class ImageMetadataIntegrationTests extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    DatabaseClient db;
    @Autowired
    ListingCache listingCache;
    @Autowired
    AccessTokens tokens;

    Product product;
    String seller;

    @BeforeEach
    void setUp() {
        CatalogFixtures fixtures = new CatalogFixtures(db, listingCache);
        Merchant merchant = fixtures.merchant();
        UUID category = fixtures.category(null, CatalogFixtures.unique("exif"));
        product = fixtures.product(merchant, category, "Tripod", 4_900, 3, false);
        seller = tokens.issue(UUID.randomUUID(), UUID.randomUUID(), "SELLER", merchant.id()).block().value();
        http = http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
    }

    @Test
    void aSidewaysPhotoWithGpsIsStoredAndThumbnailedUprightWithoutItsMetadata() throws IOException {
        byte[] photo = TestPhotos.rotatedWithGps(1200, 600);
        assertThat(TestPhotos.hasExif(photo)).isTrue();

        Map<String, Object> image = upload(photo).expectStatus().isCreated().expectBody(JSON).returnResult()
                .getResponseBody();

        byte[] original = fetch((String) image.get("url"));
        assertThat(TestPhotos.hasExif(original)).isFalse();
        assertUprightPortrait(ImageIO.read(new ByteArrayInputStream(original)), 600, 1200);

        List<Map<String, Object>> thumbnails = thumbnails((String) image.get("id"));
        assertThat(thumbnails).extracting(t -> List.of(t.get("width"), t.get("height")))
                .containsExactly(List.of(100, 200), List.of(400, 800));
        for (Map<String, Object> thumbnail : thumbnails) {
            byte[] file = fetch((String) thumbnail.get("url"));
            assertThat(TestPhotos.hasExif(file)).isFalse();
            assertUprightPortrait(ImageIO.read(new ByteArrayInputStream(file)), (Integer) thumbnail.get("width"),
                    (Integer) thumbnail.get("height"));
        }
    }

    @Test
    void cmykAndProgressiveJpegsAreAcceptedAndThumbnailed() throws IOException {
        for (byte[] photo : List.of(TestPhotos.cmyk(640, 480), TestPhotos.progressive(640, 480))) {
            Map<String, Object> image = upload(photo).expectStatus().isCreated().expectBody(JSON).returnResult()
                    .getResponseBody();
            assertThat(thumbnails((String) image.get("id"))).extracting(t -> List.of(t.get("width"), t.get("height")))
                    .containsExactly(List.of(200, 150), List.of(640, 480));
        }
    }

    /** Red in the top-right corner (the stored top-left one, turned a quarter clockwise), blue elsewhere. */
    private static void assertUprightPortrait(BufferedImage image, int width, int height) {
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        int topRight = image.getRGB(width - 3, 2);
        int topLeft = image.getRGB(2, 2);
        assertThat((topRight >> 16) & 0xFF).as("red of the top-right corner").isGreaterThan(200);
        assertThat(topRight & 0xFF).as("blue of the top-right corner").isLessThan(60);
        assertThat((topLeft >> 16) & 0xFF).as("red of the top-left corner").isLessThan(60);
        assertThat(topLeft & 0xFF).as("blue of the top-left corner").isGreaterThan(200);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> thumbnails(String imageId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Map<String, Object>> images = (List<Map<String, Object>>) http.get()
                    .uri("/api/v1/products/" + product.id()).exchange().expectStatus().isOk()
                    .expectBody(JSON).returnResult().getResponseBody().get("images");
            return images.stream().filter(i -> imageId.equals(i.get("id"))).findFirst()
                    .map(i -> (List<Map<String, Object>>) i.get("thumbnails")).orElse(null);
        }, list -> list != null);
    }

    private byte[] fetch(String url) {
        return http.get().uri(URI.create(url).getPath()).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.IMAGE_JPEG)
                .expectBody(byte[].class).returnResult().getResponseBody();
    }

    /** A multipart form written by hand (see ProductMediaIntegrationTests.upload: no SecureRandom on the loop). */
    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec upload(byte[] content) {
        String boundary = "surge-test-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\""
                + "\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return unpooledHttp().post().uri("/api/v1/products/" + product.id() + "/images")
                .headers(h -> h.setBearerAuth(seller))
                .contentType(new MediaType(MediaType.MULTIPART_FORM_DATA, Map.of("boundary", boundary)))
                .bodyValue(body.toByteArray())
                .exchange();
    }
}

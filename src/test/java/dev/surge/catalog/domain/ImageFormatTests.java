package dev.surge.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The type of an upload comes from its bytes; the decoders (WebP included) work headless. */
class ImageFormatTests {

    @Test
    void recognisesJpegPngAndWebpByTheirMagicNumbers() throws IOException {
        assertThat(ImageFormat.detect(encode("jpeg"))).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.detect(encode("png"))).contains(ImageFormat.PNG);
        assertThat(ImageFormat.detect(webp())).contains(ImageFormat.WEBP);
    }

    @Test
    void refusesEverythingElse() {
        assertThat(ImageFormat.detect(new byte[0])).isEmpty();
        assertThat(ImageFormat.detect("hello, I am a .png".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ImageFormat.detect("GIF89a......".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        // RIFF, but a WAV file
        assertThat(ImageFormat.detect("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageFormat.detect(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
    }

    @Test
    void webpDecodesAndScalesHeadless() throws IOException {
        assertThat(ImageScaler.probe(webp(), ImageFormat.WEBP)).isEqualTo(new ImageScaler.Dimensions(320, 240));
        List<ImageScaler.Thumbnail> thumbnails = ImageScaler.thumbnails(webp(), ImageFormat.WEBP, List.of(100, 200));
        assertThat(thumbnails).extracting(ImageScaler.Thumbnail::width).containsExactly(100, 200);
        assertThat(thumbnails).extracting(ImageScaler.Thumbnail::height).containsExactly(75, 150);
        assertThat(thumbnails).extracting(ImageScaler.Thumbnail::format).containsOnly(ImageFormat.JPEG);
        assertThat(ImageFormat.detect(thumbnails.get(0).content())).contains(ImageFormat.JPEG);
    }

    @Test
    void movingAnImageKeepsTheOthersInOrder() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        assertThat(ProductMediaService.moved(List.of(a, b, c), c, 0)).containsExactly(c, a, b);
        assertThat(ProductMediaService.moved(List.of(a, b, c), a, 1)).containsExactly(b, a, c);
        assertThat(ProductMediaService.moved(List.of(a, b, c), a, 99)).containsExactly(b, c, a);
    }

    private static byte[] encode(String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), format, out);
        return out.toByteArray();
    }

    private static byte[] webp() throws IOException {
        try (InputStream in = ImageFormatTests.class.getResourceAsStream("/catalog/media/product-320x240.webp")) {
            return in.readAllBytes();
        }
    }
}

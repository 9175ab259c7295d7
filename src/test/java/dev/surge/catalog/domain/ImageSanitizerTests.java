package dev.surge.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.catalog.TestPhotos;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageSanitizerTests {

    @Test
    void aRotatedJpegWithGpsIsStoredUprightWithoutExif() throws IOException {
        byte[] photo = TestPhotos.rotatedWithGps(400, 200);
        assertThat(TestPhotos.hasExif(photo)).isTrue();
        assertThat(ImageOrientation.of(photo, ImageFormat.JPEG)).isEqualTo(6);

        ImageSanitizer.Sanitized stored = ImageSanitizer.sanitize(photo, ImageFormat.JPEG);

        assertThat(TestPhotos.hasExif(stored.content())).isFalse();
        assertThat(stored.dimensions()).isEqualTo(new ImageScaler.Dimensions(200, 400));
        BufferedImage upright = ImageIO.read(new ByteArrayInputStream(stored.content()));
        assertThat(upright.getWidth()).isEqualTo(200);
        assertThat(upright.getHeight()).isEqualTo(400);
        assertRed(upright.getRGB(upright.getWidth() - 5, 5));
        assertBlue(upright.getRGB(5, 5));
    }

    @Test
    void thumbnailsOfARotatedJpegAreUpright() throws IOException {
        List<ImageScaler.Thumbnail> thumbnails = ImageScaler.thumbnails(TestPhotos.rotatedWithGps(400, 200),
                ImageFormat.JPEG, List.of(100));
        assertThat(thumbnails).singleElement().satisfies(t -> {
            assertThat(t.width()).isEqualTo(50);
            assertThat(t.height()).isEqualTo(100);
        });
    }

    @Test
    void cmykAndProgressiveJpegsAreReadAndReencoded() throws IOException {
        for (byte[] photo : List.of(TestPhotos.cmyk(120, 80), TestPhotos.progressive(120, 80))) {
            ImageSanitizer.Sanitized stored = ImageSanitizer.sanitize(photo, ImageFormat.JPEG);
            assertThat(stored.dimensions()).isEqualTo(new ImageScaler.Dimensions(120, 80));
            assertThat(ImageIO.read(new ByteArrayInputStream(stored.content())).getWidth()).isEqualTo(120);
        }
    }

    @Test
    void pngTextAndExifChunksAreDroppedAndTheRestKeptByteForByte() throws IOException {
        BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        byte[] clean = out.toByteArray();
        // tEXt and eXIf chunks right after IHDR (8 signature + 25 IHDR bytes).
        ByteArrayOutputStream tagged = new ByteArrayOutputStream();
        tagged.write(clean, 0, 33);
        tagged.writeBytes(chunk("tEXt", "Author\0someone@example.com"));
        tagged.writeBytes(chunk("eXIf", "MM\0*GPS"));
        tagged.write(clean, 33, clean.length - 33);

        byte[] stripped = ImageSanitizer.png(tagged.toByteArray());

        assertThat(stripped).isEqualTo(clean);
        assertThat(ImageSanitizer.png(clean)).isEqualTo(clean);
    }

    @Test
    void webpExifAndXmpChunksAreDroppedAndTheirFlagsCleared() throws IOException {
        byte[] vp8x = new byte[10];
        vp8x[0] = 0x0C; // EXIF and XMP present
        byte[] image = "not really VP8L".getBytes(StandardCharsets.ISO_8859_1); // odd length: padded
        byte[] webp = riff(riffChunk("VP8X", vp8x), riffChunk("VP8L", image), riffChunk("EXIF", "GPS data".getBytes()),
                riffChunk("XMP ", "<x:xmpmeta/>".getBytes()));

        byte[] stripped = ImageSanitizer.webp(webp);

        assertThat(stripped).isEqualTo(riff(riffChunk("VP8X", new byte[10]), riffChunk("VP8L", image)));
    }

    private static void assertRed(int rgb) {
        assertThat((rgb >> 16) & 0xFF).isGreaterThan(200);
        assertThat(rgb & 0xFF).isLessThan(60);
    }

    private static void assertBlue(int rgb) {
        assertThat((rgb >> 16) & 0xFF).isLessThan(60);
        assertThat(rgb & 0xFF).isGreaterThan(200);
    }

    private static byte[] chunk(String type, String data) {
        byte[] typeAndData = (type + data).getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        return ByteBuffer.allocate(8 + typeAndData.length).putInt(typeAndData.length - 4).put(typeAndData)
                .putInt((int) crc.getValue()).array();
    }

    private static byte[] riffChunk(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        return chunk.put(type.getBytes(StandardCharsets.ISO_8859_1)).putInt(data.length).put(data).array();
    }

    private static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] chunk : chunks) {
            body.writeBytes(chunk);
        }
        ByteBuffer out = ByteBuffer.allocate(12 + body.size()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        return out.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(4 + body.size())
                .put("WEBP".getBytes(StandardCharsets.ISO_8859_1)).put(body.toByteArray()).array();
    }
}

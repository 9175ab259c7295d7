package dev.surge.catalog.domain;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Decoding and scaling with ImageIO (JPEG and WebP through TwelveMonkeys' readers, so CMYK and YCCK JPEGs
 * decode too). Thumbnails are turned as the original's EXIF orientation says. Every method blocks and burns
 * CPU: call them only on the {@code surge-media} scheduler. Streams are in memory, never ImageIO's disk
 * cache.
 * <p>
 * Thumbnails keep the aspect ratio, are never larger than the original, and are JPEG (quality 0.85)
 * unless the original has an alpha channel, in which case they are PNG so transparency survives.
 */
final class ImageScaler {

    static final float JPEG_QUALITY = 0.85f;

    private ImageScaler() {
    }

    record Dimensions(int width, int height) {

        long pixels() {
            return (long) width * height;
        }
    }

    /** A made thumbnail: {@code size} is the longest side it was made for. */
    record Thumbnail(int size, int width, int height, ImageFormat format, byte[] content) {
    }

    /** Width and height from the header, without decoding the pixels. */
    static Dimensions probe(byte[] content, ImageFormat format) throws IOException {
        ImageReader reader = reader(format);
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            reader.setInput(input, true, true);
            return new Dimensions(reader.getWidth(0), reader.getHeight(0));
        } finally {
            reader.dispose();
        }
    }

    /**
     * One thumbnail per size. The original is decoded once, subsampled while reading when it is much
     * larger than the biggest thumbnail, so a 40-megapixel photo does not need 160 MB to become 800 px.
     */
    static List<Thumbnail> thumbnails(byte[] content, ImageFormat format, List<Integer> sizes) throws IOException {
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        BufferedImage source = ImageOrientation.apply(decode(content, format, largest),
                ImageOrientation.of(content, format));
        boolean alpha = source.getColorModel().hasAlpha();
        List<Thumbnail> thumbnails = new ArrayList<>();
        for (int size : sizes) {
            BufferedImage scaled = scale(source, size, alpha);
            ImageFormat output = alpha ? ImageFormat.PNG : ImageFormat.JPEG;
            thumbnails.add(new Thumbnail(size, scaled.getWidth(), scaled.getHeight(), output,
                    encode(scaled, output, JPEG_QUALITY)));
        }
        return thumbnails;
    }

    /** The whole picture, every pixel, turned as its EXIF orientation says. */
    static BufferedImage decodeUpright(byte[] content, ImageFormat format) throws IOException {
        return ImageOrientation.apply(decode(content, format, 0), ImageOrientation.of(content, format));
    }

    /** {@code largestThumbnail} 0: no subsampling. */
    private static BufferedImage decode(byte[] content, ImageFormat format, int largestThumbnail) throws IOException {
        ImageReader reader = reader(format);
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            reader.setInput(input, true, true);
            int longest = Math.max(reader.getWidth(0), reader.getHeight(0));
            ImageReadParam param = reader.getDefaultReadParam();
            // Keep at least twice the largest thumbnail, so the final downscale still averages pixels.
            int step = largestThumbnail <= 0 ? 1 : Math.max(1, longest / (largestThumbnail * 2));
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            if (image == null) {
                throw new IOException("No image in the file");
            }
            return image;
        } finally {
            reader.dispose();
        }
    }

    /** Halves with bilinear filtering until close, then one last step: cheap and without aliasing. */
    static BufferedImage scale(BufferedImage source, int maxSide, boolean alpha) {
        int width = source.getWidth();
        int height = source.getHeight();
        double factor = Math.min(1.0, (double) maxSide / Math.max(width, height));
        int targetWidth = Math.max(1, (int) Math.round(width * factor));
        int targetHeight = Math.max(1, (int) Math.round(height * factor));
        BufferedImage current = source;
        while (width / 2 >= targetWidth && height / 2 >= targetHeight) {
            width /= 2;
            height /= 2;
            current = draw(current, width, height, alpha);
        }
        if (current == source || width != targetWidth || height != targetHeight) {
            current = draw(current, targetWidth, targetHeight, alpha);
        }
        return current;
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, boolean alpha) {
        BufferedImage target = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB
                : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    /** Writes pixels only: no metadata is passed to the writer, so none is written (JPEG: a bare JFIF header). */
    static byte[] encode(BufferedImage picture, ImageFormat format, float jpegQuality) throws IOException {
        BufferedImage image = format == ImageFormat.JPEG ? opaqueRgb(picture) : picture;
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType(format.contentType());
        if (!writers.hasNext()) {
            throw new IllegalStateException("No ImageIO writer for " + format);
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == ImageFormat.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The JPEG writer takes RGB or grey without alpha; anything else (custom colour models) is drawn into RGB. */
    private static BufferedImage opaqueRgb(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_3BYTE_BGR
                || type == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        return draw(image, image.getWidth(), image.getHeight(), false);
    }

    private static ImageReader reader(ImageFormat format) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.contentType());
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + format + "; is imageio-webp on the class path?");
        }
        return readers.next();
    }
}

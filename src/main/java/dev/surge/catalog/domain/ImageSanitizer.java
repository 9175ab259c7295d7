package dev.surge.catalog.domain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * What an upload becomes before it is stored: the picture without its metadata (camera, owner, GPS position,
 * editing history, comments), turned upright. Call only on the {@code surge-media} scheduler.
 * <ul>
 * <li>JPEG is decoded (TwelveMonkeys: CMYK, YCCK and progressive files too), turned as its EXIF orientation
 * says, and re-encoded as a baseline RGB JPEG at {@value #JPEG_QUALITY} with no APPn segment but JFIF's.</li>
 * <li>PNG and WebP are copied chunk by chunk, keeping only the chunks that draw the picture (and its colour
 * profile): the pixels are untouched and a file without metadata comes out byte for byte the same.</li>
 * </ul>
 */
final class ImageSanitizer {

    static final float JPEG_QUALITY = 0.92f;

    /** Chunks that make the picture; text, EXIF, XMP, time and unknown chunks are left out. */
    private static final Set<String> PNG_KEEP = Set.of("IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM",
            "sRGB", "iCCP", "sBIT", "bKGD", "pHYs", "acTL", "fcTL", "fdAT");
    private static final Set<String> WEBP_KEEP = Set.of("VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP");
    private static final int PNG_SIGNATURE_LENGTH = 8;
    private static final int VP8X_EXIF = 0x08;
    private static final int VP8X_XMP = 0x04;

    private ImageSanitizer() {
    }

    /** The stored file: its bytes, format and upright dimensions. */
    record Sanitized(byte[] content, ImageFormat format, ImageScaler.Dimensions dimensions) {
    }

    static Sanitized sanitize(byte[] content, ImageFormat format) throws IOException {
        return switch (format) {
            case JPEG -> {
                var upright = ImageScaler.decodeUpright(content, format);
                byte[] encoded = ImageScaler.encode(upright, ImageFormat.JPEG, JPEG_QUALITY);
                yield new Sanitized(encoded, format, new ImageScaler.Dimensions(upright.getWidth(), upright.getHeight()));
            }
            case PNG -> withDimensions(png(content), format);
            case WEBP -> withDimensions(webp(content), format);
        };
    }

    private static Sanitized withDimensions(byte[] content, ImageFormat format) throws IOException {
        return new Sanitized(content, format, ImageScaler.probe(content, format));
    }

    /** PNG: signature, then chunks of length (4, big-endian), type (4), data, CRC (4). */
    static byte[] png(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
        out.write(content, 0, PNG_SIGNATURE_LENGTH);
        ByteBuffer in = ByteBuffer.wrap(content).order(ByteOrder.BIG_ENDIAN);
        int at = PNG_SIGNATURE_LENGTH;
        while (at + 8 <= content.length) {
            long length = Integer.toUnsignedLong(in.getInt(at));
            long whole = 12 + length;
            if (at + whole > content.length) {
                throw new IOException("PNG chunk runs past the end of the file");
            }
            String type = new String(content, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (PNG_KEEP.contains(type)) {
                out.write(content, at, (int) whole);
            }
            at += (int) whole;
            if (type.equals("IEND")) {
                break;
            }
        }
        return out.toByteArray();
    }

    /** WebP: {@code RIFF <size> WEBP}, then chunks of type (4), length (4, little-endian), data, pad to even. */
    static byte[] webp(byte[] content) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length);
        ByteBuffer in = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        int end = (int) Math.min(content.length, 8 + Integer.toUnsignedLong(in.getInt(4)));
        int at = 12;
        while (at + 8 <= end) {
            String type = new String(content, at, 4, StandardCharsets.ISO_8859_1);
            long length = Integer.toUnsignedLong(in.getInt(at + 4));
            long whole = 8 + length + (length & 1);
            if (at + 8 + length > end) {
                throw new IOException("WebP chunk runs past the end of the file");
            }
            if (WEBP_KEEP.contains(type)) {
                int start = body.size();
                body.write(content, at, (int) Math.min(whole, end - at));
                if (type.equals("VP8X") && length > 0) {
                    byte[] written = body.toByteArray();
                    written[start + 8] &= (byte) ~(VP8X_EXIF | VP8X_XMP);
                    body.reset();
                    body.write(written);
                }
            }
            at += (int) whole;
        }
        byte[] chunks = body.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(12 + chunks.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(content, 0, 4).putInt(4 + chunks.length).put(content, 8, 4).put(chunks);
        return out.array();
    }
}

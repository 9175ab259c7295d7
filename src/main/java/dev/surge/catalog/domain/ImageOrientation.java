package dev.surge.catalog.domain;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The EXIF orientation of a JPEG (a camera stores its pixels as the sensor saw them and says in a tag how to
 * turn them), and the turn itself. Browsers honour the tag on the original but the tag is gone once Surge
 * re-encodes the file, so the pixels are turned instead. Other formats, and a JPEG whose EXIF cannot be
 * read, count as upright (1).
 */
final class ImageOrientation {

    static final int UPRIGHT = 1;

    private ImageOrientation() {
    }

    /** The EXIF orientation tag, 1 to 8; 1 when there is none or it cannot be read. */
    static int of(byte[] content, ImageFormat format) {
        if (format != ImageFormat.JPEG) {
            return UPRIGHT;
        }
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(input, JPEG.APP1, "Exif");
            if (exif.isEmpty()) {
                return UPRIGHT;
            }
            InputStream data = exif.get(0).data();
            data.read(); // the second NUL after "Exif"
            try (ImageInputStream tiff = new MemoryCacheImageInputStream(data)) {
                Directory directory = new TIFFReader().read(tiff);
                Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
                int value = entry != null && entry.getValue() instanceof Number n ? n.intValue() : UPRIGHT;
                return value >= 1 && value <= 8 ? value : UPRIGHT;
            }
        } catch (IOException | RuntimeException e) {
            return UPRIGHT; // damaged EXIF: show the pixels as stored rather than refuse the photo
        }
    }

    /** {@code image} turned (and mirrored) as {@code orientation} says; itself when upright. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation <= UPRIGHT || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        // Maps a stored pixel (x, y) to where it is seen: AffineTransform(m00, m10, m01, m11, m02, m12).
        AffineTransform turn = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);   // mirrored
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);  // upside down
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);   // mirrored upside down
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);    // transposed
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);   // turned a quarter clockwise
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);  // transversed
            default -> new AffineTransform(0, -1, 1, 0, 0, w);  // 8: a quarter anticlockwise
        };
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage turned = new BufferedImage(swap ? h : w, swap ? w : h,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = turned.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(image, turn, null);
        } finally {
            g.dispose();
        }
        return turned;
    }
}

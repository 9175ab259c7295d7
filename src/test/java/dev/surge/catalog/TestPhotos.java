package dev.surge.catalog;

import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.IFD;
import com.twelvemonkeys.imageio.metadata.tiff.Rational;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFEntry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** JPEGs as cameras and print shops make them: EXIF orientation and GPS, CMYK, progressive. */
public final class TestPhotos {

    public static final Color MARK = Color.RED;
    public static final Color BACKGROUND = Color.BLUE;

    private TestPhotos() {
    }

    /**
     * A sensor-oriented landscape {@code width x height} with a red square in its stored top-left corner, an
     * EXIF orientation 6 (turn a quarter clockwise to view) and a GPS position: viewed upright it is a portrait
     * whose red corner is the top-right one.
     */
    public static byte[] rotatedWithGps(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        g.setColor(MARK);
        g.fillRect(0, 0, width / 4, height / 4);
        g.dispose();
        byte[] jpeg = jpeg(image, false);
        return withApp1(jpeg, exif(6));
    }

    /** A 4-channel (CMYK) JPEG, which the JDK's own reader refuses. */
    public static byte[] cmyk(int width, int height) throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[] {x % 256, y % 256, 40, 10});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    public static byte[] progressive(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.GREEN);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return jpeg(image, true);
    }

    public static boolean hasExif(byte[] file) {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        return text.contains("Exif") || text.contains("GPS") || text.contains("http://ns.adobe.com/xap");
    }

    private static byte[] jpeg(BufferedImage image, boolean progressive) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** {@code Exif\0\0} + a TIFF structure: IFD0 with the orientation, a GPS IFD with a position. */
    private static byte[] exif(int orientation) throws IOException {
        IFD gps = new IFD(List.<Entry>of(
                new TIFFEntry(1, TIFF.TYPE_ASCII, "N"),
                new TIFFEntry(2, TIFF.TYPE_RATIONAL, new Rational[] {new Rational(51), new Rational(30), new Rational(0)}),
                new TIFFEntry(3, TIFF.TYPE_ASCII, "W"),
                new TIFFEntry(4, TIFF.TYPE_RATIONAL, new Rational[] {new Rational(0), new Rational(7), new Rational(0)})));
        List<Entry> ifd0 = List.of(
                new TIFFEntry(TIFF.TAG_MAKE, TIFF.TYPE_ASCII, "SurgeCam"),
                new TIFFEntry(TIFF.TAG_ORIENTATION, TIFF.TYPE_SHORT, (short) orientation),
                new TIFFEntry(TIFF.TAG_GPS_IFD, TIFF.TYPE_LONG, gps));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            new TIFFWriter().write(ifd0, out);
        }
        return bytes.toByteArray();
    }

    /** Puts an APP1 segment right after SOI. */
    private static byte[] withApp1(byte[] jpeg, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int length = payload.length + 2;
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}

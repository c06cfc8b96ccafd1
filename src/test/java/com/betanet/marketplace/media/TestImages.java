package com.betanet.marketplace.media;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** Images for upload tests, good and hostile, made in memory. */
public final class TestImages {

    /** Written into the EXIF of {@link #jpegWithGpsExif}; must not survive intake. */
    public static final String CAMERA_MAKE = "SpyCam Industries";

    public static final byte[] PHP = "<?php echo system($_GET['cmd']); ?>\n".getBytes(StandardCharsets.UTF_8);

    public static final byte[] SVG = ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\""
                    + " height=\"10\"><script>alert(document.cookie)</script><rect width=\"10\" height=\"10\"/></svg>")
            .getBytes(StandardCharsets.UTF_8);

    // 1x1 WebP images (lossy VP8, and lossy with an alpha channel), the classic feature-detection samples.
    public static final byte[] WEBP_LOSSY =
            Base64.getDecoder().decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");
    public static final byte[] WEBP_ALPHA = Base64.getDecoder()
            .decode(
                    "UklGRkoAAABXRUJQVlA4WAoAAAAQAAAAAAAAAAAAQUxQSAwAAAARBxAR/Q9ERP8DAABWUDggGAAAABQBAJ0BKgEAAQAAAP4AAA3AAP7mtQAAAA==");

    private TestImages() {}

    /** A picture with a gradient and a marker in its top-left corner (red), so rotations can be told apart. */
    public static BufferedImage picture(int width, int height, boolean alpha) {
        var image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setPaint(new GradientPaint(0, 0, Color.BLUE, width, height, Color.GREEN));
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.RED);
        graphics.fillRect(0, 0, Math.max(1, width / 4), Math.max(1, height / 4));
        if (alpha) {
            graphics.setComposite(java.awt.AlphaComposite.Clear);
            graphics.fillRect(width / 2, height / 2, width / 2, height / 2);
        }
        graphics.dispose();
        return image;
    }

    public static byte[] jpeg(int width, int height) {
        return encode(picture(width, height, false), "jpeg");
    }

    public static byte[] png(int width, int height, boolean alpha) {
        return encode(picture(width, height, alpha), "png");
    }

    /** A JPEG whose EXIF carries a camera make, GPS coordinates and the given orientation (1 = upright). */
    public static byte[] jpegWithGpsExif(int width, int height, int orientation) {
        try {
            var exif = new TiffOutputSet();
            exif.setGpsInDegrees(36.8219, -1.2921); // Nairobi
            var root = exif.getOrCreateRootDirectory();
            root.add(TiffTagConstants.TIFF_TAG_MAKE, CAMERA_MAKE);
            root.add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) orientation);
            var out = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(jpeg(width, height), out, exif);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the bytes carry any EXIF (read with commons-imaging, independent of the code under test). */
    public static boolean hasExif(byte[] image) {
        try {
            return Imaging.getMetadata(image) instanceof JpegImageMetadata jpeg && jpeg.getExif() != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when commons-imaging finds GPS coordinates in the bytes. */
    public static boolean hasGps(byte[] image) {
        try {
            return Imaging.getMetadata(image) instanceof JpegImageMetadata jpeg
                    && jpeg.getExif() != null
                    && jpeg.getExif().getGpsInfo() != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CMYK JPEG (Adobe APP14), which the JDK's own decoder cannot read. */
    public static byte[] cmykJpeg(int width, int height) {
        var raster = java.awt.image.Raster.createInterleavedRaster(
                java.awt.image.DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[] {x * 255 / width, y * 255 / height, 40, 10});
            }
        }
        var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        var out = new ByteArrayOutputStream();
        try (var stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Random RGB noise as PNG: it does not compress, so the file is about {@code 3 * width * height} bytes. */
    public static byte[] noisePng(int width, int height) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var random = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return encode(image, "png");
    }

    /** A valid PNG cut off in the middle of its pixel data. */
    public static byte[] truncatedPng() {
        var whole = noisePng(200, 200);
        return Arrays.copyOf(whole, whole.length / 2);
    }

    /** A valid JPEG cut off in the middle of its scan. */
    public static byte[] truncatedJpeg() {
        var whole = jpeg(400, 300);
        return Arrays.copyOf(whole, whole.length / 2);
    }

    /**
     * A "decompression bomb": a well-formed PNG of a few kilobytes whose header claims {@code width x height} pixels
     * (50 000 x 50 000 would be 7.5 GB as a bitmap), with a little compressed pixel data behind it.
     */
    public static byte[] pixelBombPng(int width, int height) {
        try {
            var out = new ByteArrayOutputStream();
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            var header = new ByteArrayOutputStream();
            var data = new DataOutputStream(header);
            data.writeInt(width);
            data.writeInt(height);
            data.writeByte(8); // bit depth
            data.writeByte(2); // RGB
            data.writeByte(0); // deflate
            data.writeByte(0); // adaptive filtering
            data.writeByte(0); // no interlace
            chunk(out, "IHDR", header.toByteArray());
            var pixels = new ByteArrayOutputStream();
            try (var deflate = new DeflaterOutputStream(pixels, new Deflater(9))) {
                deflate.write(new byte[4 * 1024 * 1024]); // zero rows, compressing to a few kB
            }
            chunk(out, "IDAT", pixels.toByteArray());
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] content) throws IOException {
        var data = new DataOutputStream(out);
        data.writeInt(content.length);
        var typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        data.write(typeBytes);
        data.write(content);
        var crc = new CRC32();
        crc.update(typeBytes);
        crc.update(content);
        data.writeInt((int) crc.getValue());
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            var image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalArgumentException("Not a readable image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(BufferedImage image, String format) {
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

package com.betanet.marketplace.media.internal;

import com.betanet.marketplace.media.ImagePurpose;
import com.betanet.marketplace.media.ImageRejectedException;
import com.betanet.marketplace.media.MediaService;
import com.betanet.marketplace.media.ProcessedImage;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.Orientation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns untrusted bytes into a clean image: the format is sniffed from the bytes, the pixel count is read from the
 * header before anything is decoded, the decode itself is subsampled so a large photo never becomes a large bitmap,
 * and the result is re-encoded from pixels alone, so no metadata (EXIF, GPS, XMP, comments) survives. JPEG stays
 * JPEG, PNG stays PNG, WebP (which we can read but not write) becomes JPEG, or PNG when it has transparency.
 */
@Component
class ImageProcessor {

    private static final Logger log = LoggerFactory.getLogger(ImageProcessor.class);
    private static final float JPEG_QUALITY = 0.85f;

    // Each decode may hold a bitmap of tens of megabytes; bounding how many run at once bounds the memory they take.
    private final Semaphore decodes =
            new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));

    ImageProcessor() {
        // ImageIO caches its plugin registry on first use; scanning here makes sure TwelveMonkeys' readers are in it
        // whichever class loader touched ImageIO first. Streams stay in memory (we only ever read byte arrays).
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    ProcessedImage process(byte[] bytes, ImagePurpose purpose) {
        if (bytes.length > MediaService.MAX_IMAGE_BYTES) {
            throw ImageRejectedException.tooManyBytes(MediaService.MAX_IMAGE_BYTES);
        }
        var format = ImageFormat.sniff(bytes).orElseThrow(ImageRejectedException::notAnImage);
        decodes.acquireUninterruptibly();
        try {
            var decoded = decode(bytes, format, purpose);
            var output = outputFormat(format, decoded);
            var image = normalize(decoded, output);
            if (format == ImageFormat.JPEG) {
                image = upright(image, exifOrientation(bytes));
            }
            image = fit(image, purpose.maxEdge());
            var thumbnail = fit(image, purpose.thumbnailEdge());
            return new ProcessedImage(
                    purpose,
                    output.contentType(),
                    encode(image, output),
                    image.getWidth(),
                    image.getHeight(),
                    encode(thumbnail, output),
                    thumbnail.getWidth(),
                    thumbnail.getHeight());
        } finally {
            decodes.release();
        }
    }

    /** We cannot write WebP: a photo becomes JPEG, an image with transparency PNG. */
    private static ImageFormat outputFormat(ImageFormat input, BufferedImage decoded) {
        return switch (input) {
            case JPEG, PNG -> input;
            case WEBP -> decoded.getColorModel().hasAlpha() ? ImageFormat.PNG : ImageFormat.JPEG;
        };
    }

    private static BufferedImage decode(byte[] bytes, ImageFormat format, ImagePurpose purpose) {
        var reader = reader(format);
        var warnings = new ArrayList<String>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (var input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw ImageRejectedException.corrupt();
            }
            if ((long) width * height > MediaService.MAX_IMAGE_PIXELS) {
                throw ImageRejectedException.tooManyPixels(width, height, MediaService.MAX_IMAGE_PIXELS);
            }
            var param = reader.getDefaultReadParam();
            // Only decode every n-th pixel when the image is far larger than what we keep: still at least twice the
            // stored size (so scaling down stays smooth) and far less memory than the full bitmap.
            int step = Math.max(1, Math.max(width, height) / (2 * purpose.maxEdge()));
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            var image = reader.read(0, param);
            if (truncated(warnings)) {
                throw ImageRejectedException.corrupt();
            }
            return image;
        } catch (ImageRejectedException rejected) {
            throw rejected;
        } catch (IOException | RuntimeException broken) {
            // Decoders meet hostile input here and fail in many ways (IIOException, EOF, index and argument errors):
            // every one of them means the upload is not a readable image.
            log.debug("Refused an unreadable {} upload: {}", format, broken.toString());
            throw ImageRejectedException.corrupt();
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader reader(ImageFormat format) {
        var readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        ImageReader chosen = null;
        while (readers.hasNext()) {
            var candidate = readers.next();
            // Prefer TwelveMonkeys' JPEG reader: unlike the JDK's it reads CMYK/YCCK JPEGs and bad ICC profiles.
            if (chosen == null || candidate.getClass().getName().startsWith("com.twelvemonkeys")) {
                chosen = candidate;
            }
        }
        if (chosen == null) {
            throw new IllegalStateException("No ImageIO reader for " + format);
        }
        return chosen;
    }

    /** The JPEG decoder does not fail on a cut-off file; it warns and pads the picture with grey. */
    private static boolean truncated(List<String> warnings) {
        return warnings.stream()
                .map(warning -> warning.toLowerCase(Locale.ROOT))
                .anyMatch(warning -> warning.contains("premature end")
                        || warning.contains("missing eoi")
                        || warning.contains("truncated"));
    }

    /** The EXIF orientation of a JPEG (1 = upright); unreadable EXIF counts as upright, it is dropped anyway. */
    static int exifOrientation(byte[] jpeg) {
        try (var input = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            for (var segment : JPEGSegmentUtil.readSegments(input, JPEG.APP1, "Exif")) {
                var data = segment.data();
                if (data.read() < 0) { // the pad byte after "Exif\0"
                    continue;
                }
                try (var exif = new MemoryCacheImageInputStream(data)) {
                    var entry = new TIFFReader().read(exif).getEntryById(TIFF.TAG_ORIENTATION);
                    if (entry != null && entry.getValue() instanceof Number value) {
                        int orientation = value.intValue();
                        return orientation >= 1 && orientation <= 8 ? orientation : 1;
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            log.debug("Ignored unreadable EXIF: {}", unreadable.toString());
        }
        return 1;
    }

    /**
     * Redraws the decoded pixels into a plain RGB (or ARGB for PNG with transparency) bitmap, unless they already are
     * one of the standard layouts every step after this handles (a decoded JPEG usually is: no second copy then).
     */
    private static BufferedImage normalize(BufferedImage image, ImageFormat output) {
        boolean alpha = output == ImageFormat.PNG && image.getColorModel().hasAlpha();
        int current = image.getType();
        if (alpha
                ? current == BufferedImage.TYPE_INT_ARGB || current == BufferedImage.TYPE_4BYTE_ABGR
                : current == BufferedImage.TYPE_INT_RGB || current == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        var plain = new BufferedImage(image.getWidth(), image.getHeight(), type);
        var graphics = plain.createGraphics();
        try {
            if (!alpha) {
                graphics.setColor(Color.WHITE); // what transparent areas become in a JPEG
                graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
            }
            graphics.drawImage(image, 0, 0, null);
        } finally {
            graphics.dispose();
        }
        return plain;
    }

    private static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation == 1) {
            return image;
        }
        var filter = ExifFilterUtils.getFilterForOrientation(Orientation.typeOf(orientation));
        return filter.apply(image);
    }

    /** Scales down (never up) so that the longer edge is at most {@code maxEdge}. */
    static BufferedImage fit(BufferedImage image, int maxEdge) {
        int width = image.getWidth();
        int height = image.getHeight();
        if (width <= maxEdge && height <= maxEdge) {
            return image;
        }
        double scale = (double) maxEdge / Math.max(width, height);
        int targetWidth = Math.max(1, (int) Math.round(width * scale));
        int targetHeight = Math.max(1, (int) Math.round(height * scale));
        try {
            return Thumbnails.of(image)
                    .forceSize(targetWidth, targetHeight)
                    .imageType(image.getType())
                    .asBufferedImage();
        } catch (IOException e) {
            throw new UncheckedIOException("Scaling an in-memory image failed", e);
        }
    }

    private static byte[] encode(BufferedImage image, ImageFormat format) {
        var bytes = new ByteArrayOutputStream();
        var writer = ImageIO.getImageWritersByFormatName(format.imageIoName()).next();
        try (var output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            var param = writer.getDefaultWriteParam();
            if (format == ImageFormat.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            // No metadata is passed, so the writer emits only what the format needs (a bare JFIF header for JPEG).
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("Encoding an in-memory image failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}

package com.betanet.marketplace.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.betanet.marketplace.media.ImagePurpose;
import com.betanet.marketplace.media.ImageRejectedException;
import com.betanet.marketplace.media.MediaService;
import com.betanet.marketplace.media.TestImages;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageProcessorTests {

    private final ImageProcessor processor = new ImageProcessor();

    @Test
    void reencodesAJpegWithoutItsExifAndGps() {
        var upload = TestImages.jpegWithGpsExif(640, 480, 1);
        assertThat(TestImages.hasGps(upload)).as("fixture carries GPS").isTrue();

        var result = processor.process(upload, ImagePurpose.AVATAR);

        assertThat(result.contentType()).isEqualTo("image/jpeg");
        assertThat(ImageFormat.sniff(result.image())).contains(ImageFormat.JPEG);
        assertThat(TestImages.hasExif(result.image())).isFalse();
        assertThat(TestImages.hasGps(result.image())).isFalse();
        assertThat(new String(result.image(), StandardCharsets.ISO_8859_1))
                .doesNotContain("Exif")
                .doesNotContain(TestImages.CAMERA_MAKE);
        assertThat(TestImages.hasExif(result.thumbnail())).isFalse();
        assertThat(result.width()).isEqualTo(640);
        assertThat(result.height()).isEqualTo(480);
    }

    @Test
    void turnsAnImageUprightByItsExifOrientation() {
        // Orientation 6: the camera was turned; the stored pixels must be rotated 90 degrees clockwise.
        var upload = TestImages.jpegWithGpsExif(400, 200, 6);

        var result = processor.process(upload, ImagePurpose.AVATAR);

        assertThat(result.width()).isEqualTo(200);
        assertThat(result.height()).isEqualTo(400);
        var image = TestImages.decode(result.image());
        assertThat(image.getWidth()).isEqualTo(200);
        // The red marker was top-left in the sensor's pixels; after a clockwise turn it is top-right.
        assertThat(isRed(image.getRGB(190, 10))).isTrue();
        assertThat(isRed(image.getRGB(10, 10))).isFalse();
    }

    @Test
    void keepsPngAsPngWithItsTransparency() {
        var result = processor.process(TestImages.png(300, 200, true), ImagePurpose.PRODUCT);

        assertThat(result.contentType()).isEqualTo("image/png");
        var image = TestImages.decode(result.image());
        assertThat(image.getColorModel().hasAlpha()).isTrue();
        assertThat(image.getRGB(299, 199) >>> 24).as("transparent corner").isZero();
        assertThat(image.getRGB(0, 0) >>> 24).as("opaque corner").isEqualTo(0xff);
    }

    @Test
    void turnsWebpIntoJpegOrIntoPngWhenTransparent() {
        var lossy = processor.process(TestImages.WEBP_LOSSY, ImagePurpose.AVATAR);
        assertThat(lossy.contentType()).isEqualTo("image/jpeg");
        assertThat(ImageFormat.sniff(lossy.image())).contains(ImageFormat.JPEG);

        var transparent = processor.process(TestImages.WEBP_ALPHA, ImagePurpose.AVATAR);
        assertThat(transparent.contentType()).isEqualTo("image/png");
        assertThat(ImageFormat.sniff(transparent.image())).contains(ImageFormat.PNG);
    }

    @Test
    void readsCmykJpegs() {
        var result = processor.process(TestImages.cmykJpeg(120, 80), ImagePurpose.AVATAR);

        assertThat(result.contentType()).isEqualTo("image/jpeg");
        assertThat(TestImages.decode(result.image()).getWidth()).isEqualTo(120);
    }

    @Test
    void scalesLargeImagesDownAndMakesAThumbnail() {
        var result = processor.process(TestImages.jpeg(3000, 1500), ImagePurpose.AVATAR);

        assertThat(result.width()).isEqualTo(ImagePurpose.AVATAR.maxEdge());
        assertThat(result.height()).isEqualTo(ImagePurpose.AVATAR.maxEdge() / 2);
        assertThat(result.thumbnailWidth()).isEqualTo(256);
        assertThat(result.thumbnailHeight()).isEqualTo(128);
        var thumbnail = TestImages.decode(result.thumbnail());
        assertThat(thumbnail.getWidth()).isEqualTo(256);
        assertThat(thumbnail.getHeight()).isEqualTo(128);
    }

    @Test
    void neverScalesSmallImagesUp() {
        var result = processor.process(TestImages.png(40, 30, false), ImagePurpose.AVATAR);

        assertThat(result.width()).isEqualTo(40);
        assertThat(result.thumbnailWidth()).isEqualTo(40);
        assertThat(result.thumbnailHeight()).isEqualTo(30);
    }

    @Test
    void refusesWhatIsNotAnImageWhateverItsName() {
        for (var upload : new byte[][] {TestImages.PHP, TestImages.SVG, new byte[0], "GIF89a".getBytes()}) {
            assertThatThrownBy(() -> processor.process(upload, ImagePurpose.AVATAR))
                    .isInstanceOfSatisfying(ImageRejectedException.class, rejected -> {
                        assertThat(rejected.status().value()).isEqualTo(415);
                        assertThat(rejected.code()).isEqualTo("unsupported_media_type");
                        assertThat(rejected.properties()).containsEntry("reason", "not_an_image");
                    });
        }
    }

    @Test
    void refusesTruncatedImages() {
        for (var upload : new byte[][] {TestImages.truncatedPng(), TestImages.truncatedJpeg()}) {
            assertThatThrownBy(() -> processor.process(upload, ImagePurpose.AVATAR))
                    .isInstanceOfSatisfying(ImageRejectedException.class, rejected -> {
                        assertThat(rejected.status().value()).isEqualTo(415);
                        assertThat(rejected.properties()).containsEntry("reason", "corrupt");
                    });
        }
    }

    @Test
    void refusesAnImageWhoseSignatureIsFollowedByGarbage() {
        var garbage = Arrays.copyOf(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0}, 2000);
        Arrays.fill(garbage, 4, garbage.length, (byte) 0x5a);

        assertThatThrownBy(() -> processor.process(garbage, ImagePurpose.AVATAR))
                .isInstanceOfSatisfying(
                        ImageRejectedException.class,
                        rejected -> assertThat(rejected.status().value()).isEqualTo(415));
    }

    @Test
    void refusesAPixelBombFromItsHeaderWithoutDecodingIt() {
        var bomb = TestImages.pixelBombPng(50_000, 50_000);
        assertThat(bomb.length).isLessThan(30_000);

        long started = System.nanoTime();
        assertThatThrownBy(() -> processor.process(bomb, ImagePurpose.AVATAR))
                .isInstanceOfSatisfying(ImageRejectedException.class, rejected -> {
                    assertThat(rejected.status().value()).isEqualTo(413);
                    assertThat(rejected.code()).isEqualTo("payload_too_large");
                    assertThat(rejected.properties()).containsEntry("reason", "too_many_pixels");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void acceptsExactlyFortyMegapixelsByTheHeaderButNotOneRowMore() {
        // 8000 x 5000 is the limit; the bomb fixture has no real pixel data, so only the header check is exercised.
        assertThatThrownBy(() -> processor.process(TestImages.pixelBombPng(8000, 5001), ImagePurpose.AVATAR))
                .isInstanceOfSatisfying(
                        ImageRejectedException.class,
                        rejected -> assertThat(rejected.properties()).containsEntry("reason", "too_many_pixels"));
        assertThatThrownBy(() -> processor.process(TestImages.pixelBombPng(8000, 5000), ImagePurpose.AVATAR))
                .isInstanceOfSatisfying(
                        ImageRejectedException.class,
                        rejected -> assertThat(rejected.properties()).containsEntry("reason", "corrupt"));
    }

    @Test
    void refusesMoreThanFiveMebibytes() {
        var tooBig = Arrays.copyOf(TestImages.png(10, 10, false), (int) MediaService.MAX_IMAGE_BYTES + 1);

        assertThatThrownBy(() -> processor.process(tooBig, ImagePurpose.AVATAR))
                .isInstanceOfSatisfying(ImageRejectedException.class, rejected -> {
                    assertThat(rejected.status().value()).isEqualTo(413);
                    assertThat(rejected.properties()).containsEntry("reason", "too_many_bytes");
                });
    }

    private static boolean isRed(int rgb) {
        var color = new Color(rgb);
        return color.getRed() > 200 && color.getGreen() < 60 && color.getBlue() < 60;
    }
}

package com.betanet.marketplace.media.internal;

import java.util.Optional;
import org.springframework.http.MediaType;

/** The image formats accepted, recognised only by their leading bytes (never by file name or declared type). */
enum ImageFormat {
    JPEG("jpeg", MediaType.IMAGE_JPEG_VALUE, "jpg"),
    PNG("png", MediaType.IMAGE_PNG_VALUE, "png"),
    WEBP("webp", "image/webp", "webp");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final String imageIoName;
    private final String contentType;
    private final String extension;

    ImageFormat(String imageIoName, String contentType, String extension) {
        this.imageIoName = imageIoName;
        this.contentType = contentType;
        this.extension = extension;
    }

    static Optional<ImageFormat> sniff(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, 0, new byte[] {'R', 'I', 'F', 'F'})
                && startsWith(bytes, 8, new byte[] {'W', 'E', 'B', 'P'})) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    String imageIoName() {
        return imageIoName;
    }

    String contentType() {
        return contentType;
    }

    String extension() {
        return extension;
    }
}

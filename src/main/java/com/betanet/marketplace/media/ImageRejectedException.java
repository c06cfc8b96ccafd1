package com.betanet.marketplace.media;

import com.betanet.marketplace.shared.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * An upload that is not an image we accept. Rendered with the contract's codes: 415 {@code unsupported_media_type}
 * (reason {@code not_an_image} or {@code corrupt}) or 413 {@code payload_too_large} (reason {@code too_many_bytes} or
 * {@code too_many_pixels}); the {@code reason} property tells a client which.
 */
public final class ImageRejectedException extends ApiException {

    private ImageRejectedException(HttpStatus status, String code, String reason, String detail) {
        super(status, code, detail);
        with("reason", reason);
    }

    public static ImageRejectedException notAnImage() {
        return new ImageRejectedException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "not_an_image",
                "The file is not a JPEG, PNG or WebP image");
    }

    public static ImageRejectedException corrupt() {
        return new ImageRejectedException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "corrupt",
                "The image is truncated or corrupt");
    }

    public static ImageRejectedException tooManyBytes(long maxBytes) {
        return new ImageRejectedException(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload_too_large",
                "too_many_bytes",
                "The image is larger than " + maxBytes + " bytes");
    }

    public static ImageRejectedException tooManyPixels(long width, long height, long maxPixels) {
        return new ImageRejectedException(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload_too_large",
                "too_many_pixels",
                "The image has " + width + " x " + height + " pixels; at most " + maxPixels + " are accepted");
    }
}

/**
 * Media: where uploaded files are kept and how images get in. Its root package is what other modules use:
 * {@link com.betanet.marketplace.media.MediaService} (check, re-encode and store an image; delete; build URLs) and its
 * value types. Storage adapters, image processing and the {@code GET /media/**} endpoint are internal.
 *
 * <p>Configuration ({@code application.yml}):
 *
 * <ul>
 *   <li>{@code marketplace.media.dir} ({@code MARKETPLACE_MEDIA_DIR}, default {@code ./data/media}): local-disk storage,
 *       used unless a bucket is set.
 *   <li>{@code marketplace.media.s3.bucket} ({@code MARKETPLACE_MEDIA_S3_BUCKET}): when set, media is kept in this S3
 *       bucket instead; credentials come from the AWS SDK default chain ({@code AWS_ACCESS_KEY_ID}/{@code
 *       AWS_SECRET_ACCESS_KEY}, profile, instance role...).
 *   <li>{@code marketplace.media.s3.endpoint} ({@code MARKETPLACE_MEDIA_S3_ENDPOINT}): an S3-compatible server (MinIO,
 *       R2, S3Mock); switches to path-style addressing.
 *   <li>{@code marketplace.media.s3.region} ({@code MARKETPLACE_MEDIA_S3_REGION}, default {@code us-east-1}).
 * </ul>
 *
 * <p>Problem codes of image intake (see {@link com.betanet.marketplace.media.ImageRejectedException}): 415 {@code
 * unsupported_media_type} (not a JPEG, PNG or WebP by its bytes, or truncated/corrupt), 413 {@code payload_too_large}
 * (over 5 MiB or over 40 megapixels). {@code GET /media/**} answers 404 {@code not_found} for an unknown key.
 */
@ApplicationModule(allowedDependencies = {"shared", "shared::*"})
@NullMarked
package com.betanet.marketplace.media;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

package com.betanet.marketplace.media.storage;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code marketplace.media.*}: the local directory ({@code MARKETPLACE_MEDIA_DIR}), or an S3 bucket ({@code
 * MARKETPLACE_MEDIA_S3_BUCKET}, {@code _ENDPOINT}, {@code _REGION}) which, when set, wins.
 */
@ConfigurationProperties("marketplace.media")
record MediaProperties(
        @DefaultValue("./data/media") Path dir,
        @DefaultValue S3 s3) {

    record S3(
            @Nullable String bucket,
            @Nullable String endpoint,
            @DefaultValue("us-east-1") String region) {

        boolean enabled() {
            return bucket != null && !bucket.isBlank();
        }
    }
}

package com.betanet.marketplace.media.storage;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** Picks the storage: S3 when a bucket is configured, the local directory otherwise. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MediaProperties.class)
class MediaStorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MediaStorageConfiguration.class);

    @Bean
    MediaStorage mediaStorage(MediaProperties properties) {
        var s3 = properties.s3();
        MediaStorage storage = s3.enabled()
                ? new S3MediaStorage(
                        S3MediaStorage.client(
                                s3.region(),
                                s3.endpoint(),
                                DefaultCredentialsProvider.builder().build()),
                        Objects.requireNonNull(s3.bucket()).strip())
                : new LocalDiskMediaStorage(properties.dir());
        log.info("Media storage: {}", storage.describe());
        return storage;
    }
}

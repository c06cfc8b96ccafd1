package com.betanet.marketplace.media.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MediaStorageConfigurationTests {

    @TempDir
    Path dir;

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(MediaStorageConfiguration.class);

    @Test
    void usesTheLocalDirectoryWhenNoBucketIsSet() {
        context.withPropertyValues("marketplace.media.dir=" + dir, "marketplace.media.s3.bucket=")
                .run(started -> {
                    assertThat(started).hasSingleBean(MediaStorage.class);
                    assertThat(started.getBean(MediaStorage.class)).isInstanceOf(LocalDiskMediaStorage.class);
                    assertThat(started.getBean(MediaStorage.class).describe())
                            .isEqualTo("local:" + dir.toAbsolutePath());
                });
    }

    @Test
    void usesS3WhenABucketIsSet() {
        context.withPropertyValues(
                        "marketplace.media.dir=" + dir,
                        "marketplace.media.s3.bucket=marketplace-media",
                        "marketplace.media.s3.endpoint=http://localhost:9",
                        "marketplace.media.s3.region=eu-west-1")
                .run(started -> {
                    assertThat(started.getBean(MediaStorage.class)).isInstanceOf(S3MediaStorage.class);
                    assertThat(started.getBean(MediaStorage.class).describe()).isEqualTo("s3:marketplace-media");
                });
    }
}

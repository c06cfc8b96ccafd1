package com.betanet.marketplace.media.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link MediaStorage} adapter must do; each adapter's test class runs these against a real backend. */
abstract class MediaStorageContract {

    abstract MediaStorage storage();

    static final String[] HOSTILE_KEYS = {
        "../outside.jpg",
        "avatars/../../outside.jpg",
        "/etc/passwd",
        "avatars//x.jpg",
        "avatars\\x.jpg",
        "..",
        ".",
        "",
        "avatars/.hidden",
        "Avatars/X.JPG",
        "avatars/x.jpg/",
        "avatars/x%2e%2e.jpg",
        "avatars/x.tar.gz",
        "a".repeat(201),
    };

    @Test
    void storesReadsAndDeletesAnObject() throws IOException {
        var key = "tests/" + UUID.randomUUID().toString().replace("-", "") + ".png";
        var content = "not really a png, the storage does not care".getBytes(StandardCharsets.UTF_8);

        storage().put(key, content, "image/png");

        assertThat(storage().exists(key)).isTrue();
        try (var stored = storage().open(key).orElseThrow()) {
            assertThat(stored.length()).isEqualTo(content.length);
            assertThat(stored.contentType()).isEqualTo("image/png");
            assertThat(stored.content().readAllBytes()).isEqualTo(content);
        }

        storage().delete(key);

        assertThat(storage().exists(key)).isFalse();
        assertThat(storage().open(key)).isEmpty();
        storage().delete(key); // deleting again is fine
    }

    @Test
    void answersEmptyForAnUnknownKey() {
        var key = "tests/" + UUID.randomUUID().toString().replace("-", "") + ".jpg";

        assertThat(storage().open(key)).isEmpty();
        assertThat(storage().exists(key)).isFalse();
    }

    @Test
    void refusesKeysThatCouldLeaveTheStorage() {
        for (var key : HOSTILE_KEYS) {
            assertThat(MediaKeys.isValid(key)).as(key).isFalse();
            assertThat(storage().open(key)).as(key).isEmpty();
            assertThat(storage().exists(key)).as(key).isFalse();
            assertThatThrownBy(() -> storage().put(key, new byte[] {1}, "image/png"))
                    .as(key)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage().delete(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void acceptsTheKeysTheMediaServiceMakes() {
        assertThat(MediaKeys.isValid("avatars/3f/3f2a9c0d4b5e6f708192a3b4c5d6e7f8.jpg"))
                .isTrue();
        assertThat(MediaKeys.isValid("products/3f/3f2a9c0d4b5e6f708192a3b4c5d6e7f8-thumb.png"))
                .isTrue();
    }
}

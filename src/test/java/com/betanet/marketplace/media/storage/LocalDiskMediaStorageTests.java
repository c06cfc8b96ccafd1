package com.betanet.marketplace.media.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDiskMediaStorageTests extends MediaStorageContract {

    @TempDir
    Path parent;

    private Path root;
    private LocalDiskMediaStorage storage;

    @BeforeEach
    void setUp() {
        root = parent.resolve("media");
        storage = new LocalDiskMediaStorage(root);
    }

    @Override
    MediaStorage storage() {
        return storage;
    }

    @Test
    void writesFilesBelowItsDirectoryAndLeavesNoTemporaryFiles() throws IOException {
        storage.put("avatars/ab/abc.jpg", new byte[] {1, 2, 3}, "image/jpeg");

        assertThat(root.resolve("avatars/ab/abc.jpg")).hasBinaryContent(new byte[] {1, 2, 3});
        try (var files = Files.list(root.resolve("avatars/ab"))) {
            assertThat(files).containsExactly(root.resolve("avatars/ab/abc.jpg"));
        }
    }

    @Test
    void neverReadsAFileOutsideItsDirectory() throws IOException {
        Files.writeString(parent.resolve("secret.png"), "secret");

        assertThat(storage.open("../secret.png")).isEmpty();
        assertThat(storage.exists("../secret.png")).isFalse();
    }

    @Test
    void servesOnlyImageTypesByExtension() throws IOException {
        storage.put("tests/page.html", "<script>".getBytes(), "text/html");

        try (var stored = storage.open("tests/page.html").orElseThrow()) {
            assertThat(stored.contentType()).isEqualTo("application/octet-stream");
        }
    }
}

package com.betanet.marketplace.media.storage;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Media as files under one directory ({@code marketplace.media.dir}); keys are relative paths below it. */
final class LocalDiskMediaStorage implements MediaStorage {

    private final Path root;

    LocalDiskMediaStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new MediaStorageException("Cannot create the media directory " + this.root, e);
        }
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        var target = resolve(key);
        try {
            Files.createDirectories(target.getParent());
            // Written beside the target and moved into place, so a concurrent GET never sees a partial file.
            var temporary = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            try {
                Files.write(temporary, content);
                move(temporary, target);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new MediaStorageException("Cannot write media object " + key, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public Optional<StoredObject> open(String key) {
        if (!MediaKeys.isValid(key)) {
            return Optional.empty();
        }
        var file = resolve(key);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            long length = Files.size(file);
            return Optional.of(new StoredObject(Files.newInputStream(file), length, MediaKeys.contentTypeOf(key)));
        } catch (NoSuchFileException deletedMeanwhile) {
            return Optional.empty();
        } catch (IOException e) {
            throw new MediaStorageException("Cannot read media object " + key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return MediaKeys.isValid(key) && Files.isRegularFile(resolve(key));
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            throw new MediaStorageException("Cannot delete media object " + key, e);
        }
    }

    @Override
    public String describe() {
        return "local:" + root;
    }

    Path root() {
        return root;
    }

    private Path resolve(String key) {
        var path = root.resolve(MediaKeys.requireValid(key)).normalize();
        // The key pattern already rules out "..", absolute paths and backslashes; this is the second lock on the door.
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("Not a valid media key: " + key);
        }
        return path;
    }
}

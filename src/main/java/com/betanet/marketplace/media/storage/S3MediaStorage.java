package com.betanet.marketplace.media.storage;

import java.net.URI;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Media as objects in one S3 bucket (AWS, or any S3-compatible server reached through an endpoint override). Objects
 * carry their content type and a long-lived {@code Cache-Control}, so a CDN can later serve the bucket directly.
 */
final class S3MediaStorage implements MediaStorage, AutoCloseable {

    private final S3Client s3;
    private final String bucket;

    S3MediaStorage(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /**
     * A client for the configured bucket. With an endpoint (MinIO, R2, S3Mock) it uses path-style addressing and only
     * sends checksums where S3 requires them, since not every S3-compatible server understands the SDK's default ones.
     */
    static S3Client client(String region, @Nullable String endpoint, AwsCredentialsProvider credentials) {
        var builder = S3Client.builder().region(Region.of(region)).credentialsProvider(credentials);
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint))
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        MediaKeys.requireValid(key);
        try {
            s3.putObject(
                    request -> request.bucket(bucket)
                            .key(key)
                            .contentType(contentType)
                            .contentLength((long) content.length)
                            .cacheControl(CACHE_CONTROL),
                    RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw new MediaStorageException("Cannot write media object " + key + " to s3://" + bucket, e);
        }
    }

    @Override
    public Optional<StoredObject> open(String key) {
        if (!MediaKeys.isValid(key)) {
            return Optional.empty();
        }
        try {
            var stream = s3.getObject(request -> request.bucket(bucket).key(key));
            var response = stream.response();
            var contentType = response.contentType() == null ? MediaKeys.contentTypeOf(key) : response.contentType();
            return Optional.of(new StoredObject(stream, response.contentLength(), contentType));
        } catch (NoSuchKeyException absent) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new MediaStorageException("Cannot read media object " + key + " from s3://" + bucket, e);
        }
    }

    @Override
    public boolean exists(String key) {
        if (!MediaKeys.isValid(key)) {
            return false;
        }
        try {
            s3.headObject(request -> request.bucket(bucket).key(key));
            return true;
        } catch (S3Exception e) {
            // HEAD has no body, so a missing object is a bare 404 rather than a NoSuchKey error.
            if (e.statusCode() == 404) {
                return false;
            }
            throw new MediaStorageException("Cannot look up media object " + key + " in s3://" + bucket, e);
        } catch (SdkException e) {
            throw new MediaStorageException("Cannot look up media object " + key + " in s3://" + bucket, e);
        }
    }

    @Override
    public void delete(String key) {
        MediaKeys.requireValid(key);
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new MediaStorageException("Cannot delete media object " + key + " from s3://" + bucket, e);
        }
    }

    @Override
    public String describe() {
        return "s3:" + bucket;
    }

    @Override
    public void close() {
        s3.close();
    }
}

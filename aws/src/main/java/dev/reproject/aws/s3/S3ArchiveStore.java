package dev.reproject.aws.s3;

import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.error.NotFoundException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link ArchiveStore} under an {@code s3a://bucket/prefix} or {@code s3://bucket/prefix} root.
 * SDK failures surface as {@link IOException}s naming the object. Writing to a bucket that does not exist creates it
 * only with {@link MissingBucket#CREATE}; otherwise it is a {@link NotFoundException} (exit status 4) naming the
 * bucket, before the first object is written. Reading never creates a bucket.
 */
public final class S3ArchiveStore implements ArchiveStore {

    private static final int NOT_FOUND = 404;

    private final String root;
    private final S3Location location;
    private final S3Client s3;
    private final boolean ownsClient;
    private final MissingBucket missingBucket;
    private volatile boolean bucketReady;

    /** A store over {@code s3}, which the caller keeps and closes; writing never creates the bucket. */
    public S3ArchiveStore(String root, S3Client s3) {
        this(root, s3, false, MissingBucket.FAIL);
    }

    /** A store over {@code s3}, which the caller keeps and closes. */
    public S3ArchiveStore(String root, S3Client s3, MissingBucket missingBucket) {
        this(root, s3, false, missingBucket);
    }

    /** A store that owns {@code s3}: {@link #close()} closes it. */
    public static S3ArchiveStore owning(String root, S3Client s3, MissingBucket missingBucket) {
        return new S3ArchiveStore(root, s3, true, missingBucket);
    }

    private S3ArchiveStore(String root, S3Client s3, boolean ownsClient, MissingBucket missingBucket) {
        this.root = Objects.requireNonNull(root, "root");
        this.location = S3Location.parse(root);
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.ownsClient = ownsClient;
        this.missingBucket = Objects.requireNonNull(missingBucket, "missingBucket");
    }

    @Override
    public String root() {
        return root;
    }

    public S3Location location() {
        return location;
    }

    /** The region of the store's client. */
    @Override
    public Optional<String> region() {
        return Optional.ofNullable(s3.serviceClientConfiguration().region()).map(Region::id);
    }

    @Override
    public void write(String relativePath, byte[] content) throws IOException {
        ensureBucket();
        try {
            s3.putObject(b -> b.bucket(location.bucket()).key(location.key(relativePath)),
                    RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw failure("write", relativePath, e);
        }
    }

    @Override
    public byte[] read(String relativePath) throws IOException {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.key(relativePath))).asByteArray();
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new FileNotFoundException(location.uri(relativePath));
        } catch (SdkException e) {
            throw failure("read", relativePath, e);
        }
    }

    @Override
    public boolean exists(String relativePath) throws IOException {
        try {
            s3.headObject(b -> b.bucket(location.bucket()).key(location.key(relativePath)));
            return true;
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return false; // HEAD responses have no body, so not every 404 gets its modelled type
            }
            throw failure("check", relativePath, e);
        } catch (SdkException e) {
            throw failure("check", relativePath, e);
        }
    }

    @Override
    public List<String> list(String relativePrefix) throws IOException {
        String keyPrefix = location.prefix().isEmpty() ? relativePrefix : location.prefix() + "/" + relativePrefix;
        List<String> paths = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(keyPrefix))
                    .contents()) {
                if (!object.key().endsWith("/")) { // "directory" markers some tools write
                    paths.add(location.relative(object.key()));
                }
            }
        } catch (NoSuchBucketException e) {
            return List.of(); // like a local directory that does not exist yet
        } catch (SdkException e) {
            throw failure("list", relativePrefix, e);
        }
        paths.sort(null);
        return paths;
    }

    /** Closes the S3 client when this store owns it (see {@link #owning}). */
    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
    }

    @Override
    public String toString() {
        return "S3ArchiveStore[" + root + "]";
    }

    private void ensureBucket() throws IOException {
        if (bucketReady) {
            return;
        }
        synchronized (this) {
            if (bucketReady) {
                return;
            }
            try {
                s3.headBucket(b -> b.bucket(location.bucket()));
            } catch (NoSuchBucketException e) {
                missingBucket();
            } catch (S3Exception e) {
                if (e.statusCode() != NOT_FOUND) {
                    throw new IOException("cannot use bucket '" + location.bucket() + "' (HTTP " + e.statusCode()
                            + "): " + e.getMessage(), e);
                }
                missingBucket();
            } catch (SdkException e) {
                throw new IOException("cannot reach bucket '" + location.bucket() + "': " + e.getMessage(), e);
            }
            bucketReady = true;
        }
    }

    private void missingBucket() throws IOException {
        if (missingBucket == MissingBucket.FAIL) {
            throw new NotFoundException("the S3 bucket '" + location.bucket() + "' of " + root + " does not exist, "
                    + "and nothing was written: check the name, or pass --create-bucket to create it"
                    + region().map(r -> " in " + r).orElse(""));
        }
        createBucket();
    }

    private void createBucket() throws IOException {
        Region region = s3.serviceClientConfiguration().region();
        CreateBucketRequest.Builder request = CreateBucketRequest.builder().bucket(location.bucket());
        if (region != null && !Region.US_EAST_1.equals(region)) {
            // us-east-1 is the one region that refuses an explicit location constraint
            request.createBucketConfiguration(c -> c.locationConstraint(region.id()));
        }
        try {
            s3.createBucket(request.build());
        } catch (BucketAlreadyOwnedByYouException e) {
            // created meanwhile by another writer: fine
        } catch (SdkException e) {
            throw new IOException("cannot create bucket '" + location.bucket() + "': " + e.getMessage(), e);
        }
    }

    private IOException failure(String what, String relativePath, SdkException e) {
        return new IOException("cannot " + what + " " + location.uri(relativePath) + ": " + e.getMessage(), e);
    }
}

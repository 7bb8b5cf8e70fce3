package dev.reproject.aws.s3;

/**
 * What writing to an S3 archive root does when its bucket does not exist. Buckets are created only on request
 * ({@code --create-bucket}): on AWS a mistyped name would otherwise make a new bucket, in whatever region the run
 * happened to use.
 */
public enum MissingBucket {
    /** create it, in the client's region */
    CREATE,
    /** stop with exit status 4 naming the bucket, before anything is written */
    FAIL
}

package dev.reproject.rebuild.imports;

import dev.reproject.aws.s3.S3Location;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ImportTableRequest;
import software.amazon.awssdk.services.dynamodb.model.InputCompressionType;
import software.amazon.awssdk.services.dynamodb.model.InputFormat;
import software.amazon.awssdk.services.dynamodb.model.S3BucketSource;
import software.amazon.awssdk.services.dynamodb.model.TableCreationParameters;

/**
 * The {@code ImportTable} request of {@code rebuild --import}: the GZIP-compressed DynamoDB JSON files under one S3
 * prefix, into a new table created with what a normal rebuild's {@code CreateTable} gives it (keys, attribute
 * definitions, billing mode and capacity, indexes).
 */
public final class ImportTableRequests {

    private ImportTableRequests() {
    }

    /** @param source the files' directory: every object under {@code <its prefix>/} is read */
    public static ImportTableRequest of(CreateTableRequest table, S3Location source) {
        TableCreationParameters.Builder creation = TableCreationParameters.builder()
                .tableName(table.tableName())
                .keySchema(table.keySchema())
                .attributeDefinitions(table.attributeDefinitions())
                .billingMode(table.billingMode())
                .provisionedThroughput(table.provisionedThroughput());
        if (table.hasGlobalSecondaryIndexes()) {
            creation.globalSecondaryIndexes(table.globalSecondaryIndexes());
        }
        return ImportTableRequest.builder()
                .s3BucketSource(S3BucketSource.builder().s3Bucket(source.bucket())
                        .s3KeyPrefix(source.prefix().isEmpty() ? "" : source.prefix() + "/").build())
                .inputFormat(InputFormat.DYNAMODB_JSON)
                .inputCompressionType(InputCompressionType.GZIP)
                .tableCreationParameters(creation.build())
                .build();
    }
}

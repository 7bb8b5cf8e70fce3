/**
 * Real servers on 127.0.0.1 for the demo and the integration tests: dynalite (DynamoDB API), S3Proxy (S3 API)
 * and a single-node KRaft Kafka broker. Start them through {@link dev.reproject.sandbox.LocalServers} or, in
 * JUnit 5 tests, {@link dev.reproject.sandbox.LocalServersExtension}.
 *
 * <p>Every server runs in its own process with its own classpath, so none of their libraries (Jackson, Scala,
 * Jetty, log4j) ever meet the caller's. This package itself needs only the JDK and slf4j-api; the extension
 * also needs junit-jupiter-api.
 */
package dev.reproject.sandbox;

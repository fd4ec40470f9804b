package dev.switchboard.emulators;

import java.util.Map;
import java.util.Optional;

/** An {@code AWS::S3::Bucket}. */
public record BucketDefinition(String logicalId, Optional<Object> bucketName, Optional<String> condition,
        Map<String, Object> properties) {
}

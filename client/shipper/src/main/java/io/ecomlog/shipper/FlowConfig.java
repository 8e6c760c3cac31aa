package io.ecomlog.shipper;

import io.ecomlog.pipeline.PartitionKeyStrategy;

import java.time.Duration;
import java.util.Objects;

/**
 * One flow: the files a glob names, how their lines are read, and where their events go.
 *
 * @param filePattern     an absolute glob, e.g. {@code /var/log/nginx/access.log*}; wildcards in the file name only
 * @param target          where the events go
 * @param format          how lines become events
 * @param initialPosition where a file without checkpoint that exists at start-up is read from
 * @param maxBufferAge    how long events may wait in the client before they are sent (its linger)
 * @param partitionKey    how Kinesis partition keys are chosen
 */
public record FlowConfig(String filePattern, Target target, LineFormat format, InitialPosition initialPosition,
                         Duration maxBufferAge, PartitionKeyStrategy partitionKey) {

    public FlowConfig {
        if (filePattern == null || filePattern.isBlank()) {
            throw new IllegalArgumentException("filePattern must be set");
        }
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(initialPosition, "initialPosition");
        Objects.requireNonNull(maxBufferAge, "maxBufferAge");
        Objects.requireNonNull(partitionKey, "partitionKey");
    }

    /**
     * Names the flow in the checkpoint: its target and pattern, since two flows may tail the same files to two
     * destinations (as in the agent guide's own example) and each has its own positions.
     */
    public String id() {
        return target + " " + filePattern;
    }
}

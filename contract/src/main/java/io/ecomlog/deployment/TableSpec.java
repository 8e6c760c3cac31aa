package io.ecomlog.deployment;

import java.util.List;
import java.util.Objects;

/**
 * A DynamoDB table as the code that reads and writes it expects it: what the deployment stack creates, what local
 * mode and the tests create, and the attribute names the stores use all come from one of these (see {@link Tables}),
 * so renaming a key is a compile error, not a failed deploy. Every key attribute is a string; billing is on demand.
 *
 * @param suffix       the table's name after the deployment's prefix ({@code <prefix>-<suffix>})
 * @param partitionKey the hash key attribute
 * @param sortKey      the range key attribute, or null
 * @param localIndexes local secondary indexes (same partition key, another sort key), all attributes projected
 * @param ttlAttribute the attribute holding the epoch second an item expires at, or null for no expiry
 */
public record TableSpec(String suffix, String partitionKey, String sortKey, List<LocalIndex> localIndexes,
                        String ttlAttribute) {

    /** A local secondary index: the table's partition key with another sort key. */
    public record LocalIndex(String name, String sortKey) {
        public LocalIndex {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sortKey, "sortKey");
        }
    }

    public TableSpec {
        Objects.requireNonNull(suffix, "suffix");
        Objects.requireNonNull(partitionKey, "partitionKey");
        localIndexes = List.copyOf(localIndexes);
        if (!localIndexes.isEmpty() && sortKey == null) {
            throw new IllegalArgumentException("DynamoDB allows local secondary indexes only on a table with a sort key");
        }
    }

    /** The table's name in a deployment whose resources are named {@code <prefix>-...}. */
    public String name(String prefix) {
        return prefix + "-" + suffix;
    }

    /** The one local index of that name. */
    public LocalIndex index(String name) {
        return localIndexes.stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(suffix + " has no index " + name));
    }
}

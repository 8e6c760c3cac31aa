package io.ecomlog.lake;

/**
 * One column of a data-lake table: its wire name and its type in Hive's notation ({@code string}, {@code bigint},
 * {@code decimal(38,18)}, {@code timestamp}, {@code struct<a:string>}, {@code array<struct<…>>},
 * {@code map<string,string>}) — the notation Glue's catalog, Athena's DDL and Spark's DDL parser all read.
 */
public record LakeColumn(String name, String hiveType) {

    /** {@code `name` type}, as a column definition in Athena DDL and in Spark's {@code StructType.fromDDL}. */
    public String definition() {
        return "`" + name + "` " + hiveType;
    }
}

/**
 * Reading ecomlog records from Kinesis, KPL-aggregated or not, for the backend. Depends on {@code ecomlog-core} and
 * the KCL's {@code AggregatorUtil} only: no KPL, no native daemon.
 */
package io.ecomlog.kpl.reader;

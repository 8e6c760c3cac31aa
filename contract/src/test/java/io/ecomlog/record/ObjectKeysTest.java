package io.ecomlog.record;


import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectKeysTest {

    @Test
    void usesHivePartitionsByEventTypeAndUtcHour() {
        var key = ObjectKeys.key("backup", "order_completed", Instant.parse("2026-03-04T05:06:07.890Z"),
                "shop-1", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
        assertThat(key).isEqualTo("backup/event_type=order_completed/year=2026/month=03/day=04/hour=05/"
                + "shop-1-0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.ndjson.gz");
    }

    @Test
    void keepsEventDataFromBreakingOutOfTheLayout() {
        var key = ObjectKeys.key("", "../../etc", Instant.EPOCH, "a/b", "x y");
        assertThat(key).startsWith("event_type=.._.._etc/year=1970/");
        assertThat(key).endsWith("/a_b-x_y.ndjson.gz");
    }
}

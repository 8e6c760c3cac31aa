package io.ecomlog.backend.flink.kpi;

import java.math.BigDecimal;

/** One shop's revenue in one currency for one minute, as the KPI window saw it: the input of the drop rule. */
public record RevenuePoint(String shop, String currency, long minuteStart, BigDecimal amount) {

    /** The key the drop rule keeps its history by. */
    public String series() {
        return shop + "/" + currency;
    }
}

-- Top 3 product categories per hour of the day (UTC), by product views and cart adds.
-- Parameters: 1 first day, 2 last day (yyyy-MM-dd, inclusive).
WITH counted AS (
    SELECT hour(event_time) AS hour_of_day,
           category,
           count(*) AS interactions
    FROM events
    WHERE event_date BETWEEN ? AND ?
      AND event_type IN ('product_viewed', 'product_added')
      AND category IS NOT NULL
    GROUP BY hour(event_time), category
),
ranked AS (
    SELECT hour_of_day, category, interactions,
           row_number() OVER (PARTITION BY hour_of_day ORDER BY interactions DESC, category) AS rank_in_hour
    FROM counted
)
SELECT hour_of_day, rank_in_hour, category, interactions
FROM ranked
WHERE rank_in_hour <= 3
ORDER BY hour_of_day, rank_in_hour

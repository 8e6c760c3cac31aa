-- Top 3 product categories per weekday (ISO: 1 = Monday … 7 = Sunday, UTC), by product views and cart adds.
-- Parameters: 1 first day, 2 last day (yyyy-MM-dd, inclusive).
WITH counted AS (
    SELECT day_of_week(event_time) AS weekday,
           category,
           count(*) AS interactions
    FROM events
    WHERE event_date BETWEEN ? AND ?
      AND event_type IN ('product_viewed', 'product_added')
      AND category IS NOT NULL
    GROUP BY day_of_week(event_time), category
),
ranked AS (
    SELECT weekday, category, interactions,
           row_number() OVER (PARTITION BY weekday ORDER BY interactions DESC, category) AS rank_in_weekday
    FROM counted
)
SELECT weekday, rank_in_weekday, category, interactions
FROM ranked
WHERE rank_in_weekday <= 3
ORDER BY weekday, rank_in_weekday

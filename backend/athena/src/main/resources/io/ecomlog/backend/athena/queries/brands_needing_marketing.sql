-- Brands needing marketing: viewed often, bought rarely.
-- Thresholds: at least 20 product views in the period, and fewer than 5 units sold per 100 views.
-- Parameters: 1 first day, 2 last day (yyyy-MM-dd, inclusive), for views; 3 first day, 4 last day, for sales.
WITH views AS (
    SELECT brand, count(*) AS product_views
    FROM events
    WHERE event_date BETWEEN ? AND ?
      AND event_type = 'product_viewed'
      AND brand IS NOT NULL
    GROUP BY brand
),
sales AS (
    SELECT brand, sum(quantity) AS units_sold
    FROM order_items
    WHERE event_date BETWEEN ? AND ?
      AND event_type = 'order_completed'
      AND brand IS NOT NULL
    GROUP BY brand
)
SELECT v.brand,
       v.product_views,
       coalesce(s.units_sold, 0) AS units_sold,
       CAST(coalesce(s.units_sold, 0) AS double) / v.product_views AS units_per_view
FROM views v
LEFT JOIN sales s ON s.brand = v.brand
WHERE v.product_views >= 20
  AND CAST(coalesce(s.units_sold, 0) AS double) / v.product_views < 0.05
ORDER BY v.product_views DESC, v.brand

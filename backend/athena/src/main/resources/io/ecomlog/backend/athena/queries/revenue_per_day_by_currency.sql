-- Revenue per day by currency: completed orders, their totals, and cancelled totals (the currency is the order's;
-- orders without one are grouped under NULL).
-- Parameters: 1 first day, 2 last day (yyyy-MM-dd, inclusive).
SELECT event_date AS day,
       currency,
       sum(CASE WHEN event_type = 'order_completed' THEN 1 ELSE 0 END) AS orders,
       sum(CASE WHEN event_type = 'order_completed' THEN total ELSE 0 END) AS revenue,
       sum(CASE WHEN event_type = 'order_cancelled' THEN total ELSE 0 END) AS cancelled
FROM events
WHERE event_date BETWEEN ? AND ?
  AND event_type IN ('order_completed', 'order_cancelled')
GROUP BY event_date, currency
ORDER BY day, currency

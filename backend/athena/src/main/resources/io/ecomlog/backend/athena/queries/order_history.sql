-- Order history of a customer: completed, cancelled and refunded orders, newest first, with their number of
-- product lines (counted in order_items, so the wide products column is not read).
-- Parameters: 1 user id, 2 first day, 3 last day (yyyy-MM-dd, inclusive); 4, 5, 6 repeat them for the lines.
WITH orders AS (
    SELECT event_id, order_id, event_type, event_time, total, currency
    FROM events
    WHERE user_id = ?
      AND event_date BETWEEN ? AND ?
      AND event_type IN ('order_completed', 'order_cancelled', 'order_refunded')
),
order_lines AS (
    SELECT event_id, count(*) AS lines
    FROM order_items
    WHERE user_id = ?
      AND event_date BETWEEN ? AND ?
      AND event_type IN ('order_completed', 'order_cancelled', 'order_refunded')
    GROUP BY event_id
)
SELECT o.order_id,
       o.event_type,
       o.event_time,
       o.total,
       o.currency,
       coalesce(l.lines, 0) AS lines
FROM orders o
LEFT JOIN order_lines l ON l.event_id = o.event_id
ORDER BY o.event_time DESC, o.order_id

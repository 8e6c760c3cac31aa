-- Order history of a customer: completed, cancelled and refunded orders, newest first.
-- Parameters: 1 user id; 2 first day, 3 last day (yyyy-MM-dd, inclusive).
SELECT order_id,
       event_type,
       event_time,
       total,
       currency,
       cardinality(products) AS lines
FROM events
WHERE user_id = ?
  AND event_date BETWEEN ? AND ?
  AND event_type IN ('order_completed', 'order_cancelled', 'order_refunded')
ORDER BY event_time DESC, order_id

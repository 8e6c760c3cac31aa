-- The funnel per day: distinct people (user id, else anonymous id) who viewed a product, added to a cart,
-- started a checkout and completed an order.
-- Parameters: 1 first day, 2 last day (yyyy-MM-dd, inclusive).
SELECT event_date AS day,
       count(DISTINCT CASE WHEN event_type = 'product_viewed' THEN coalesce(user_id, anonymous_id) END) AS viewed,
       count(DISTINCT CASE WHEN event_type = 'product_added' THEN coalesce(user_id, anonymous_id) END) AS carted,
       count(DISTINCT CASE WHEN event_type = 'checkout_started' THEN coalesce(user_id, anonymous_id) END) AS checked_out,
       count(DISTINCT CASE WHEN event_type = 'order_completed' THEN coalesce(user_id, anonymous_id) END) AS ordered
FROM events
WHERE event_date BETWEEN ? AND ?
  AND event_type IN ('product_viewed', 'product_added', 'checkout_started', 'order_completed')
GROUP BY event_date
ORDER BY day

-- Sales and conversion by product: views, cart adds, orders, units and revenue (price × quantity of completed
-- orders), and orders per view where the product was viewed.
-- Parameters: 1 first day, 2 last day (yyyy-MM-dd, inclusive), for behaviour; 3 first day, 4 last day, for sales.
WITH behaviour AS (
    SELECT product_id,
           sum(CASE WHEN event_type = 'product_viewed' THEN 1 ELSE 0 END) AS views,
           sum(CASE WHEN event_type = 'product_added' THEN 1 ELSE 0 END) AS cart_adds
    FROM events
    WHERE event_date BETWEEN ? AND ?
      AND event_type IN ('product_viewed', 'product_added')
    GROUP BY product_id
),
sales AS (
    SELECT product_id,
           count(DISTINCT order_id) AS orders,
           sum(quantity) AS units,
           sum(price * quantity) AS revenue
    FROM order_items
    WHERE event_date BETWEEN ? AND ?
      AND event_type = 'order_completed'
    GROUP BY product_id
)
SELECT coalesce(b.product_id, s.product_id) AS product_id,
       coalesce(b.views, 0) AS views,
       coalesce(b.cart_adds, 0) AS cart_adds,
       coalesce(s.orders, 0) AS orders,
       coalesce(s.units, 0) AS units,
       coalesce(s.revenue, 0) AS revenue,
       CASE WHEN b.views > 0 THEN CAST(coalesce(s.orders, 0) AS double) / b.views END AS orders_per_view
FROM behaviour b
FULL OUTER JOIN sales s ON s.product_id = b.product_id
ORDER BY revenue DESC, views DESC, product_id

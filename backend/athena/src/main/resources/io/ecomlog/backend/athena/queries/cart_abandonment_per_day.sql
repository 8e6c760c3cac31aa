-- Cart abandonment per day: sessions and users that added to a cart and completed no order the same day.
-- A session is session_id; a user is user_id, else anonymous_id.
-- Parameters: 1 first day, 2 last day (yyyy-MM-dd, inclusive).
WITH activity AS (
    SELECT event_date,
           session_id,
           coalesce(user_id, anonymous_id) AS person,
           event_type
    FROM events
    WHERE event_date BETWEEN ? AND ?
      AND event_type IN ('product_added', 'order_completed')
),
sessions AS (
    SELECT event_date,
           session_id,
           max(CASE WHEN event_type = 'product_added' THEN 1 ELSE 0 END) AS carted,
           max(CASE WHEN event_type = 'order_completed' THEN 1 ELSE 0 END) AS ordered
    FROM activity
    WHERE session_id IS NOT NULL
    GROUP BY event_date, session_id
),
people AS (
    SELECT event_date,
           person,
           max(CASE WHEN event_type = 'product_added' THEN 1 ELSE 0 END) AS carted,
           max(CASE WHEN event_type = 'order_completed' THEN 1 ELSE 0 END) AS ordered
    FROM activity
    WHERE person IS NOT NULL
    GROUP BY event_date, person
),
by_session AS (
    SELECT event_date,
           sum(carted) AS carted_sessions,
           sum(CASE WHEN carted = 1 AND ordered = 0 THEN 1 ELSE 0 END) AS abandoned_sessions
    FROM sessions
    GROUP BY event_date
),
by_person AS (
    SELECT event_date,
           sum(carted) AS carted_users,
           sum(CASE WHEN carted = 1 AND ordered = 0 THEN 1 ELSE 0 END) AS abandoned_users
    FROM people
    GROUP BY event_date
)
SELECT p.event_date AS day,
       coalesce(s.carted_sessions, 0) AS carted_sessions,
       coalesce(s.abandoned_sessions, 0) AS abandoned_sessions,
       p.carted_users,
       p.abandoned_users
FROM by_person p
LEFT JOIN by_session s ON s.event_date = p.event_date
WHERE p.carted_users > 0
ORDER BY day

-- Unique visitors per day: distinct people (user id, else anonymous id) with any event that names one.
-- Parameters: 1 first day, 2 last day (yyyy-MM-dd, inclusive).
SELECT event_date AS day,
       count(DISTINCT coalesce(user_id, anonymous_id)) AS visitors
FROM events
WHERE event_date BETWEEN ? AND ?
  AND coalesce(user_id, anonymous_id) IS NOT NULL
GROUP BY event_date
ORDER BY day

-- Failed logins in a time range, by user and client IP, most first.
-- Parameters: 1 first day, 2 last day (yyyy-MM-dd, inclusive: the partitions to read);
-- 3 from, 4 until (timestamps 'yyyy-MM-dd HH:mm:ss' UTC, from inclusive, until exclusive).
SELECT user_id,
       client.ip AS ip,
       count(*) AS failures,
       min(event_time) AS first_failure,
       max(event_time) AS last_failure
FROM events
WHERE event_date BETWEEN ? AND ?
  AND event_type = 'login_failed'
  AND event_time >= CAST(? AS timestamp)
  AND event_time < CAST(? AS timestamp)
GROUP BY user_id, client.ip
ORDER BY failures DESC, user_id, ip

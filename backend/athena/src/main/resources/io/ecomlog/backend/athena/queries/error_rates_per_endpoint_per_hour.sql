-- Error rates per endpoint per hour: HTTP requests (access logs), those answered 5xx, and application errors
-- (app_error events) per endpoint (the path without its query string). Only endpoint-hours with an error.
-- Parameters: 1 first day, 2 last day (yyyy-MM-dd, inclusive), for both sources (3, 4 repeat them).
WITH requests AS (
    SELECT date_trunc('hour', event_time) AS hour_start,
           split_part(path, '?', 1) AS endpoint,
           count(*) AS requests,
           sum(CASE WHEN status >= 500 THEN 1 ELSE 0 END) AS server_errors
    FROM events
    WHERE event_date BETWEEN ? AND ?
      AND event_type = 'http_access'
    GROUP BY date_trunc('hour', event_time), split_part(path, '?', 1)
),
app_errors AS (
    SELECT date_trunc('hour', event_time) AS hour_start,
           split_part(endpoint, '?', 1) AS endpoint,
           count(*) AS app_errors
    FROM events
    WHERE event_date BETWEEN ? AND ?
      AND event_type = 'app_error'
      AND endpoint IS NOT NULL
    GROUP BY date_trunc('hour', event_time), split_part(endpoint, '?', 1)
)
SELECT coalesce(r.hour_start, a.hour_start) AS hour_start,
       coalesce(r.endpoint, a.endpoint) AS endpoint,
       coalesce(r.requests, 0) AS requests,
       coalesce(r.server_errors, 0) AS server_errors,
       coalesce(a.app_errors, 0) AS app_errors,
       CASE WHEN r.requests > 0 THEN CAST(r.server_errors AS double) / r.requests END AS server_error_rate
FROM requests r
FULL OUTER JOIN app_errors a ON a.hour_start = r.hour_start AND a.endpoint = r.endpoint
WHERE coalesce(r.server_errors, 0) + coalesce(a.app_errors, 0) > 0
ORDER BY hour_start, endpoint

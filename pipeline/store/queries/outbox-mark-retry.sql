-- outbox-mark-retry: a failed attempt (5xx, timeout, refused or dropped connection); due again later.
-- $1 id bigint, $2 delay seconds float8, $3 last_error text, $4 response_status int | null,
-- $5 response_body text | null
-- returns: id (none if the row was no longer pending)
UPDATE outbox
   SET next_attempt_at = now() + make_interval(secs => $2), last_error = $3, response_status = $4, response_body = $5
 WHERE id = $1 AND status = 'pending'
RETURNING id

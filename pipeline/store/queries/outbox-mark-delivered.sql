-- outbox-mark-delivered: the receiver accepted the row (2xx).
-- $1 id bigint, $2 response_status int, $3 response_body text
-- returns: id (none if the row was no longer pending)
UPDATE outbox
   SET status = 'delivered', delivered_at = now(), response_status = $2, response_body = $3, last_error = NULL
 WHERE id = $1 AND status = 'pending'
RETURNING id

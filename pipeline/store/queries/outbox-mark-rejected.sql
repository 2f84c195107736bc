-- outbox-mark-rejected: the receiver refused the row (4xx other than 408/429); never retried.
-- $1 id bigint, $2 response_status int, $3 response_body text, $4 last_error text
-- returns: id (none if the row was no longer pending)
UPDATE outbox
   SET status = 'rejected', response_status = $2, response_body = $3, last_error = $4
 WHERE id = $1 AND status = 'pending'
RETURNING id

-- outbox-mark-delivered-many: acknowledge a batch of rows the receiver accepted (2xx) in one statement.
-- $1 ids bigint[], $2 response_statuses int[], $3 response_bodies text[] (same length)
-- returns: id of each row moved to delivered (rows no longer pending are left alone)
UPDATE outbox o
   SET status = 'delivered', delivered_at = now(), response_status = a.status, response_body = a.body, last_error = NULL
  FROM unnest($1::bigint[], $2::int[], $3::text[]) AS a (id, status, body)
 WHERE o.id = a.id AND o.status = 'pending'
RETURNING o.id

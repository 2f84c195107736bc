-- outbox-claim: claim up to $1 due pending rows for one delivery attempt each. SKIP LOCKED lets several
-- deliverers run at once; the lease (next_attempt_at pushed $2 seconds ahead) makes a row claimed by
-- a deliverer that crashed due again after the lease, so it is re-POSTed with the same
-- Idempotency-Key. attempts counts claims, so a crash mid-POST still counts.
-- $1 limit int, $2 lease seconds float8, $3 max attempts int (rows at or above it are not claimed)
-- returns: id, jcbh, version, payload (jsonb), attempts (after this claim)
WITH due AS (
  SELECT id FROM outbox
   WHERE status = 'pending' AND next_attempt_at <= now() AND attempts < $3
   ORDER BY next_attempt_at, id
   LIMIT $1
   FOR UPDATE SKIP LOCKED
)
UPDATE outbox o
   SET attempts = o.attempts + 1,
       next_attempt_at = now() + make_interval(secs => $2)
  FROM due
 WHERE o.id = due.id
RETURNING o.id, o.jcbh, o.version, o.payload, o.attempts

-- outbox-summary: what the outbox holds, for the deliverer's drain decision and its report.
-- $1 max attempts int (pending rows at or above it count as exhausted)
-- returns one row: pending, due (pending and due now), exhausted, delivered, rejected (bigint),
--                  next_due_in (seconds until the soonest pending row below max attempts is due, or null)
SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
       count(*) FILTER (WHERE status = 'pending' AND attempts < $1 AND next_attempt_at <= now()) AS due,
       count(*) FILTER (WHERE status = 'pending' AND attempts >= $1) AS exhausted,
       count(*) FILTER (WHERE status = 'delivered') AS delivered,
       count(*) FILTER (WHERE status = 'rejected') AS rejected,
       extract(epoch FROM min(next_attempt_at) FILTER (WHERE status = 'pending' AND attempts < $1) - now())::float8 AS next_due_in
  FROM outbox

-- outbox-enqueue: queue clue records for delivery; a (jcbh, version) already queued is left alone, so
-- enqueueing twice is harmless.
-- $1 jcbhs text[], $2 versions int[], $3 payloads jsonb[] (validated clue.v1 records), same length
-- returns: id, jcbh, version of the rows inserted now
INSERT INTO outbox (jcbh, version, payload)
SELECT jcbh, version, payload FROM unnest($1::text[], $2::int[], $3::jsonb[]) AS t (jcbh, version, payload)
ON CONFLICT (jcbh, version) DO NOTHING
RETURNING id, jcbh, version

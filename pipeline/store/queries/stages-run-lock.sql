-- Serialises run-wide stages of one run across workers for the rest of the transaction. $1 run id.
SELECT pg_advisory_xact_lock(hashtext('landwatch-run'), hashtext($1))

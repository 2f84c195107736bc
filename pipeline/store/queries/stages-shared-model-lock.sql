-- Serialises the fit of one shared model (held to the end of the transaction). $1 run id, $2 imagery.
SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2, 0))

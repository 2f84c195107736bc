-- overlay-finish-run: marks an overlay run finished.
-- $1 text run id
-- Returns: nothing
UPDATE runs SET status = 'finished', finished_at = now() WHERE id = $1

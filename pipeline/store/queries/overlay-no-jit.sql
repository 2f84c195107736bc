-- Turns JIT off for the rest of the overlay transaction: PostGIS functions carry huge cost estimates,
-- so PostgreSQL would spend ~0.8 s compiling the overlay plan for every batch.
-- Params: none. Returns: one row (the new setting).
SELECT set_config('jit', 'off', true)

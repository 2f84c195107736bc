-- Turns JIT off for the rest of the import transaction: PostGIS functions carry huge cost estimates,
-- so PostgreSQL would spend ~0.8 s compiling a plan that runs in milliseconds.
-- Params: none. Returns: one row (the new setting).
SELECT set_config('jit', 'off', true)

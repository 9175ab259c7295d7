-- JIT compilation pays off for long analytical queries, not for a store's many short ones: it starts
-- when a plan's estimated cost passes jit_above_cost, and facet counts over a broad search, whose set-
-- returning functions the planner prices at 100 rows a call, pass it while running in tens of
-- milliseconds; compiling then took 900 ms on the 100,000-product demo catalog. Applies to new
-- connections; needs the database owner, so it is skipped (with a notice) where the migration user is not.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'jit left unchanged: %', SQLERRM;
END;
$$;

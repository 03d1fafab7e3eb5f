-- Schema version 7: prompts become ordinary long strings. As a CLOB every prompt went to H2's
-- separate LOB store, which made storing a run's requests the slowest step of a run (a quarter of
-- the CPU of a 6,000-request run). PostgreSQL keeps TEXT.
ALTER TABLE request ALTER COLUMN prompt SET DATA TYPE VARCHAR(1000000000);

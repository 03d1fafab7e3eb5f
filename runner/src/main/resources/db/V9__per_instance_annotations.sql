-- Schema version 9: what a metric said about each completion of an instance (code_eval: passed,
-- failed with which error, timed out), beside the instance's stats: a JSON object of metric id to
-- one note per completion, or NULL when no metric annotated the instance. HELM keeps such data in
-- a request state's annotations; stats_json stays in HELM's per_instance_stats.json format.
ALTER TABLE per_instance_stat ADD COLUMN annotations_json VARCHAR(1000000);

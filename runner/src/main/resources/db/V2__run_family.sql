-- Schema version 2: for each run, whether each metric family was computed, and why not.
CREATE TABLE run_family (
  run_id BIGINT NOT NULL REFERENCES run(id),
  family VARCHAR(50) NOT NULL,
  computed BOOLEAN NOT NULL,
  reason VARCHAR(2000),
  PRIMARY KEY (run_id, family)
);

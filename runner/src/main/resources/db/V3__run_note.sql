-- Schema version 3: notes on how a run was carried out (e.g. which fallback a chat-only
-- deployment needed), shown with the run.
CREATE TABLE run_note (
  run_id BIGINT NOT NULL REFERENCES run(id),
  seq INT NOT NULL,
  note VARCHAR(2000) NOT NULL,
  PRIMARY KEY (run_id, seq)
);

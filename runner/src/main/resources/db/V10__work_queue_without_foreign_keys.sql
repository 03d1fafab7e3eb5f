-- Schema version 10: work items without foreign keys. H2 backs every foreign key with an index of
-- its own, so each work item cost two index lookups and one more index entry to queue, and one
-- more to release, on the busiest table of a run. Work items are written only beside their
-- requests, in the same transactions, and deleted when done; the queue is moved as it is.
CREATE TABLE work_item_next (
  request_id BIGINT PRIMARY KEY,
  run_id BIGINT NOT NULL,
  seq INT NOT NULL,
  owner VARCHAR(300),
  lease_until BIGINT NOT NULL,
  claims INT NOT NULL
);

INSERT INTO work_item_next(request_id, run_id, seq, owner, lease_until, claims)
  SELECT request_id, run_id, seq, owner, lease_until, claims FROM work_item;

DROP TABLE work_item;

ALTER TABLE work_item_next RENAME TO work_item;

CREATE INDEX work_item_run ON work_item(run_id, seq);

-- Schema version 5: the database is the work queue. A work_item row is a request still to be
-- made; a worker claims it by writing its owner and a lease deadline (epoch milliseconds, 0 when
-- unclaimed), renews the lease while it works, and deletes the row in the transaction that stores
-- the outcome. Expired leases return to the queue.
CREATE TABLE work_item (
  request_id BIGINT PRIMARY KEY REFERENCES request(id),
  run_id BIGINT NOT NULL REFERENCES run(id),
  seq INT NOT NULL,
  owner VARCHAR(300),
  lease_until BIGINT NOT NULL,
  claims INT NOT NULL
);

CREATE INDEX work_item_run ON work_item(run_id, seq);

-- How to plan the run again (its run entry and overrides), so that any worker can join it, and
-- the lease of the worker that computes its stats once every request is done.
ALTER TABLE run ADD COLUMN plan_json VARCHAR(100000);
ALTER TABLE run ADD COLUMN scoring_until BIGINT;

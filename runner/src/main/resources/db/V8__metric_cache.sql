-- Schema version 8: scores that metrics pay for (a remote toxicity classifier's), kept across runs
-- like the request cache, so that the same text scored the same way is never sent twice. The key
-- is the scorer's name and a digest of its settings; the text is kept only as its SHA-256. Only
-- successful scores are stored.
CREATE TABLE metric_cache (
  scorer_key VARCHAR(1000) NOT NULL,
  text_sha256 CHAR(64) NOT NULL,
  value_json VARCHAR(10000) NOT NULL,
  created_at TIMESTAMP NOT NULL,
  PRIMARY KEY (scorer_key, text_sha256)
);

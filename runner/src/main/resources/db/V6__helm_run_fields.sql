-- Schema version 6: what HELM run folders hold beyond Prism's own runs, kept on import so that an
-- export gives it back: each request's num_conditioning_tokens (HELM's language-modelling windows;
-- NULL for Prism's runs, which condition on nothing, exported as HELM's default 0) and the run's
-- scenario.json (name, description, tags, definition_path; NULL for Prism's runs).
ALTER TABLE request ADD COLUMN num_conditioning_tokens INT;
ALTER TABLE run ADD COLUMN helm_scenario_json VARCHAR(1000000);

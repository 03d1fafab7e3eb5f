-- Schema version 4: each request's prompt token count, by the deployment's tokenizer, and which
-- tokenizer counted it.
ALTER TABLE request ADD COLUMN num_prompt_tokens INT;
ALTER TABLE request ADD COLUMN tokenizer VARCHAR(300);

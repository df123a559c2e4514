-- Results are released, never streamed (issue 14).
--
-- While an evaluation is open its answers wait in a separate file (the inbox, see store/evaluation.py), not in
-- this database: a code's spend (here) and its answer (there) never share a transaction, a log or a page.
-- Closing moves them here in one shuffled batch. closes_at: when an open evaluation closes on its own
-- (set when the meeting is finished; NULL: only by hand).
ALTER TABLE evaluation_sessions ADD COLUMN closes_at TEXT;

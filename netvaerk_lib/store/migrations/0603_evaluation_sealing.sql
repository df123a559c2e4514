-- Answers are sealed while an evaluation is open (issue 14). Opening an evaluation makes a key pair: the public key
-- is kept here, so that every kernel and the members' server can seal an answer; the private key is a file of its
-- own outside the database's folder (evaluation/sealing.py), named by key_id, a random id (not the meeting).
-- The close opens the sealed answers with it and then wipes the file; key_id is then set to NULL.
ALTER TABLE evaluation_sessions ADD COLUMN public_key TEXT;
ALTER TABLE evaluation_sessions ADD COLUMN key_id TEXT;
